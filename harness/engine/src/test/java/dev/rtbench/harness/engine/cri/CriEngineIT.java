package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.Hardening;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.io.Mounts;
import dev.rtbench.harness.runtime.Proof;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The CRI engine against a real managed containerd with runc and gVisor handlers: a pod, a container and an
 * ExecSync under each, the handler the server records and the container's own proof, the ContainerDriver path,
 * and that closing leaves nothing behind (processes, mounts, network namespaces, the folder).
 */
@Tag("docker")
class CriEngineIT {
    private static final String LABEL = "rtbench.test";
    private static final String RUN = "cri-engine-it";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private static ManagedContainerd containerd;
    private static CriEngine engine;
    private static String image;
    private static List<String> netnsBefore;
    /** every pod and container the tests made, whose cgroup folders must be gone at the end */
    private static final List<String> MADE = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        netnsBefore = netns();
        List<CriHandler> handlers = Stream.of("runc", "runsc").map(RuntimeCatalogue::byName)
                .map(p -> CriHandler.forProfile(p, p.detect().path())).toList();
        ImageArchive pause = ImageArchive.sandbox(BUSYBOX);
        containerd = ManagedContainerd.start(handlers, pause, Duration.ofSeconds(60));
        ImageArchive workload = ImageArchive.busybox(BUSYBOX, "rtbench/cri-busybox", List.of("/bin/sh"));
        containerd.importImage(workload);
        image = workload.reference();
        engine = CriEngine.connect(containerd.endpoint(), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopAndCheckNothingIsLeft() throws IOException {
        try {
            if (engine != null) {
                engine.sweep(LABEL, RUN);
            }
        } finally {
            if (engine != null) {
                engine.close();
                assertFalse(Files.exists(engine.scratch()), "the engine's log folder was left: " + engine.scratch());
            }
        }
        if (containerd == null) {
            return;
        }
        Path dir = containerd.dir();
        long pid = containerd.pid();
        containerd.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "containerd still runs");
        assertEquals(List.of(), LeftoverProcesses.find(List.of(dir.toString())),
                "processes naming " + dir + " outlived the managed containerd");
        assertEquals(List.of(), Mounts.ofSelf().stream().filter(m -> m.isUnder(dir)).toList(), "mounts left");
        assertFalse(Files.exists(dir), "the managed containerd's folder was left behind: " + dir);
        assertEquals(netnsBefore, netns(), "network namespaces were made and left");
        containerd.network().ifPresent(n -> assertFalse(Files.exists(Path.of("/sys/class/net", n.bridge())),
                "the pods' bridge " + n.bridge() + " was left"));
        for (Path parent : CgroupDirs.parents(CgroupDirs.ROOT)) {
            for (String id : MADE) {
                assertFalse(Files.exists(parent.resolve(id)), "cgroup folder left: " + parent.resolve(id));
            }
        }
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> netns() throws IOException {
        Path d = Path.of("/var/run/netns");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static ContainerSpec spec(String runtime, List<String> command) {
        return new ContainerSpec(image, command, runtime, Map.of(LABEL, RUN), 256L << 20, 1_000_000_000L, 0,
                Hardening.readOnly());
    }

    @Test
    void theServerIsContainerdWithItsCri() {
        var v = engine.version();
        assertEquals("containerd", v.getRuntimeName(), v.toString());
        assertTrue(engine.runtimeReady(), engine.conditions().toString());
        assertTrue(engine.hasImage(image), image);
        assertTrue(engine.hasImage(containerd.sandboxImage()), containerd.sandboxImage());
        assertFalse(engine.hasImage("rtbench/not-imported:1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "runsc"})
    void aPodAndAContainerRunUnderEachHandlerAndProveIt(String handler) {
        RuntimeProfile profile = RuntimeCatalogue.byName(handler);
        long t0 = System.nanoTime();
        String pod = engine.runPodSandbox("it-" + handler, handler, Map.of(LABEL, RUN));
        long t1 = System.nanoTime();
        MADE.add(pod);
        assertEquals(handler, engine.handlerOf(pod));
        assertTrue(engine.podReady(pod));
        // where the host has the CNI plugins, the pod is in a network of its own, as a kubelet's pods are
        assertEquals(containerd.network().isPresent(), engine.podNetwork(), containerd.describeNetwork());
        String ip = engine.podIp(pod);
        if (containerd.network().isPresent()) {
            assertTrue(ip.startsWith(containerd.network().get().subnet().replace("0.0/16", "")), ip);
        } else {
            assertEquals("", ip);
        }
        String c = engine.createContainer(pod, spec(handler, List.of("/bin/sleep", "600")));
        long t2 = System.nanoTime();
        MADE.add(c);
        engine.startContainer(c);
        long t3 = System.nanoTime();
        CriContainerStatus running = engine.containerStatus(c);
        assertTrue(running.running(), running.toString());
        assertTrue(running.pid() > 0, running.toString());

        ExecResult hello = engine.execSync(c, List.of("/bin/sh", "-c", "echo hello; id -u; echo oops >&2"),
                Duration.ofSeconds(30));
        assertEquals(0, hello.exitCode(), hello.toString());
        assertEquals("hello\n65534\n", hello.stdout());
        assertEquals("oops\n", hello.stderr());
        assertEquals(3, engine.execSync(c, List.of("/bin/sh", "-c", "exit 3"), Duration.ofSeconds(30)).exitCode());
        if (handler.equals("runc")) {
            // the host kernel's namespaces: the container's network namespace is the node's only without a pod network
            String inside = engine.execSync(c, List.of("/bin/busybox", "readlink", "/proc/self/ns/net"), Duration.ofSeconds(30))
                    .stdout().strip();
            String host = readLink(Path.of("/proc/self/ns/net"));
            assertEquals(!containerd.network().isPresent(), inside.equals(host), inside + " vs the host's " + host);
        }

        Proof proof = profile.judge(engine.proof(c, Duration.ofSeconds(30)).stdout(), RuntimeVerifier.hostKernel());
        assertTrue(proof.agrees(), handler + ": " + proof.observed());

        long t4 = System.nanoTime();
        engine.stopContainer(c, Duration.ofSeconds(1));
        long t5 = System.nanoTime();
        assertTrue(engine.containerStatus(c).exited());
        engine.removeContainer(c);
        long t6 = System.nanoTime();
        engine.stopPodSandbox(pod);
        engine.removePodSandbox(pod);
        long t7 = System.nanoTime();
        System.out.printf("CRI %s: pod sandbox start %d ms, container create %d ms, start %d ms, stop %d ms,"
                + " remove %d ms, pod stop+remove %d ms; proof: %s%n", handler, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2),
                ms(t5 - t4), ms(t6 - t5), ms(t7 - t6), proof.observed());
        assertEquals(List.of(), engine.podsLabelled(CriEngine.OWNER_LABEL, null).stream()
                .filter(pod::equals).toList(), "the pod is still listed");
        // removing what is gone is not an error
        engine.removeContainer(c);
        engine.removePodSandbox(pod);
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc", "runsc"})
    void theDriverRunsAContainerInAPodOfItsOwn(String handler) {
        ContainerDriver driver = engine;
        String id = driver.create(spec(handler, List.of("/bin/sh", "-c", "echo first; echo second >&2; exit 4")));
        MADE.add(id);
        try {
            assertEquals(handler, driver.runtimeOf(id));
            try (ContainerDriver.FirstOutputWatch w = driver.prepareFirstOutput(id)) {
                driver.startUntilFirstOutput(w);
                w.confirmStarted();
                assertTrue(List.of("first", "second").contains(w.firstOutput()), w.firstOutput());
            }
            assertEquals(4, driver.waitExit(id));
            ExecResult logs = driver.logs(id);
            assertEquals("first\n", logs.stdout());
            assertEquals("second\n", logs.stderr());
        } finally {
            driver.remove(id);
        }
        assertThrows(EngineException.class, () -> engine.containerStatus(id));
    }

    @Test
    void execWorkloadsRunThroughTheDriverWithAVolume() {
        ContainerDriver driver = engine;
        String id = driver.create(spec("runsc", List.of("/bin/sleep", "600")).withVolumes(List.of("/data")));
        try {
            driver.start(id);
            ExecResult r = driver.exec(id, List.of("/bin/sh", "-c", "echo x > /data/f && cat /data/f"),
                    Duration.ofSeconds(30));
            assertEquals(new ExecResult(0, "x\n", ""), r);
            assertTrue(driver.initPid(id) > 0);
        } finally {
            driver.remove(id);
        }
    }

    @Test
    void anUnknownHandlerFailsNamingTheCall() {
        EngineException e = assertThrows(EngineException.class,
                () -> engine.runPodSandbox("it-bad", "no-such-handler", Map.of(LABEL, RUN)));
        assertTrue(e.getMessage().contains("RunPodSandbox") && e.getMessage().contains("no-such-handler"),
                e.getMessage());
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
