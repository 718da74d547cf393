package dev.rtbench.harness.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** On /proc captured while a private dockerd ran one idle runc and one idle runsc container. */
class HostMemoryTest {

    private final HostMemory memory = new HostMemory(ProcessTreeTest.capture());
    private final ProcessTree tree = ProcessTree.read(ProcessTreeTest.capture());

    @Test
    void readsMemAvailable() {
        assertEquals(23_508_640, memory.memAvailableKiB());
    }

    @Test
    void readsPss() {
        assertEquals(11_759, memory.pssKiB(32541).orElseThrow());
        assertTrue(memory.pssKiB(999999).isEmpty());
    }

    @Test
    void theRuntimesFootprintsAsCaptured() {
        // runc: shim + sh + sleep; runsc: shim + gofer + sandbox + 4 ptrace stubs (cf. 4.1 vs 23.7 MB published)
        assertEquals(4_953 + 658 + 454, memory.pssSumKiB(tree.containerProcesses(32450)));
        assertEquals(4_811 + 8_765 + 11_759 + 260 + 472, memory.pssSumKiB(tree.containerProcesses(32541)));
    }

    @Test
    void aTextWithoutTheFieldIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HostMemory.memAvailableKiB("MemTotal: 1 kB\n"));
        assertThrows(IllegalArgumentException.class, () -> HostMemory.pssKiB("Pss: 12 pages\n"));
    }
}
