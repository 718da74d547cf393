package dev.rtbench.harness.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** On /proc captured while a private dockerd ran one idle runc and one idle runsc container (see its README). */
class ProcessTreeTest {

    static Path capture() {
        try {
            return Path.of(ProcessTreeTest.class.getResource("/proc-capture").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private final ProcessTree tree = ProcessTree.read(capture());

    @Test
    void readsParentNameAndCpu() {
        ProcessTree.Proc dockerd = tree.get(32221).orElseThrow();
        assertEquals(1, dockerd.ppid());
        assertEquals("dockerd", dockerd.comm());
        assertEquals(12, dockerd.cpuTicks());
        assertEquals(120.0, dockerd.cpuMillis(), 1e-9);
        // gVisor's processes all call themselves exe: only the tree tells them apart
        assertEquals("exe", tree.get(32537).orElseThrow().comm());
        assertEquals("runsc-gofer", tree.get(32537).orElseThrow().argv().get(0));
    }

    @Test
    void aNameWithSpacesAndParenthesesIsReadFromTheLastParenthesis() {
        ProcessTree.Proc p = ProcessTree.parseStat("77 (a (b) c) S 5 77 77 0 -1 0 0 0 0 0 30 12 0 0", List.of());
        assertEquals("a (b) c", p.comm());
        assertEquals(5, p.ppid());
        assertEquals(42, p.cpuTicks());
        assertThrows(IllegalArgumentException.class, () -> ProcessTree.parseStat("garbage", List.of()));
    }

    @Test
    void runcContainerIsItsShimAndTheContainersOwnProcesses() {
        assertEquals(32427, tree.shimOf(32450).orElseThrow().pid());
        assertEquals(Set.of(32427L, 32450L, 32501L), tree.containerProcesses(32450));
    }

    @Test
    void runscContainerIncludesGoferSandboxAndStubs() {
        // State.Pid of a gVisor container is its sandbox; the gofer is the sandbox's sibling under the shim
        assertEquals(32518, tree.shimOf(32541).orElseThrow().pid());
        assertEquals(Set.of(32518L, 32537L, 32541L, 32566L, 32620L, 32624L, 32632L), tree.containerProcesses(32541));
        assertTrue(tree.ancestors(32632).stream().anyMatch(p -> p.pid() == 32518));
    }

    @Test
    void anUnknownPidHasNoProcesses() {
        assertTrue(tree.containerProcesses(999999).isEmpty());
        assertTrue(tree.shimOf(999999).isEmpty());
    }

    @Test
    void findsThePrivateDaemonBySocketAndItsContainerd() {
        DaemonProcesses d = DaemonProcesses.find(tree, "unix:///tmp/rtbd/d.sock");
        assertEquals(32221, d.dockerd().orElseThrow().pid());
        assertEquals(32239, d.containerd().orElseThrow().pid());
        assertTrue(DaemonProcesses.find(tree, "unix:///tmp/other.sock").dockerd().isEmpty());
        assertTrue(DaemonProcesses.find(tree, "tcp://127.0.0.1:2375").dockerd().isEmpty());
    }

    @Test
    void findsACriServerByTheFolderItsCommandLineNames() {
        String folder = tree.all().stream().filter(p -> p.pid() == 32239).findFirst().orElseThrow().argv().stream()
                .filter(a -> a.startsWith("/tmp/")).findFirst().orElseThrow();
        java.nio.file.Path socket = java.nio.file.Path.of(folder).getParent().resolve("containerd.sock");
        DaemonProcesses d = DaemonProcesses.forCri(tree, socket);
        assertEquals(32239, d.containerd().orElseThrow().pid());
        assertTrue(d.dockerd().isEmpty());
        // a server whose command line names neither the socket nor its folder is not guessed at
        assertTrue(DaemonProcesses.forCri(tree, java.nio.file.Path.of("/run/containerd/containerd.sock")).containerd()
                .isEmpty());
    }
}
