package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rtbench.harness.io.Mounts;
import dev.rtbench.harness.io.Subprocess;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the pod network's CNI calls land, checked as the OCI calls are: a CNI {@code bridge} plugin that waits
 * 200 ms on ADD and DEL while a marker file exists, pods with and without the marker in alternating order, and
 * the paired differences of RunPodSandbox, StopPodSandbox and RemovePodSandbox. The ADD must be inside pod sandbox
 * start and the DEL inside pod stop, once each; containerd 1.6 calls the DEL once more in RemovePodSandbox (this
 * check found it: +201 ms in 8 of 8 pairs), which no timed phase holds. Then nothing of the network is left.
 */
@Tag("docker")
class PodNetworkIT {
    private static final long DELAY_MS = 200;
    private static final int MIN_PAIRS = 8;
    private static final int MAX_PAIRS = 40;

    @Test
    void theCniAddIsInsidePodStartAndTheDelInsidePodStop(@TempDir Path tmp) throws Exception {
        Path hostPlugins = PodNetwork.pluginDir(PodNetwork.PLUGIN_DIRS).orElse(null);
        assumeTrue(hostPlugins != null, "no CNI plugins here: " + PodNetwork.whyNone().orElse(""));
        Path plugins = Files.createDirectories(tmp.resolve("cni"));
        Path marker = tmp.resolve("delay");
        Files.writeString(plugins.resolve("bridge"), "#!/bin/sh\n"
                + "case \"$CNI_COMMAND\" in ADD|DEL) [ -e '" + marker + "' ] && sleep " + DELAY_MS / 1000.0 + " ;; esac\n"
                + "exec '" + hostPlugins.resolve("bridge") + "' \"$@\"\n");
        Files.setPosixFilePermissions(plugins.resolve("bridge"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String p : List.of("host-local", "loopback")) {
            Files.createSymbolicLink(plugins.resolve(p), hostPlugins.resolve(p));
        }
        // what runs killed before their clean-up left: a bridge whose folder is gone goes at the next start, the
        // bridge of a run whose folder is still there stays
        Path liveFolder = Files.createTempDirectory(Path.of("/tmp"), "rtbc-");
        String live = PodNetwork.bridgeOf(liveFolder);
        String orphan = PodNetwork.bridgeOf(Path.of("/tmp/rtbc-" + (100_000_000_000_000L
                + Math.floorMod(System.nanoTime(), 800_000_000_000_000L))));
        ip("link", "add", live, "type", "bridge");
        try {
            ip("link", "add", orphan, "type", "bridge");
            measure(plugins, marker, live, orphan);
        } finally {
            Subprocess.run(List.of("ip", "link", "delete", live), Duration.ofSeconds(10));
            Subprocess.run(List.of("ip", "link", "delete", orphan), Duration.ofSeconds(10));
            Files.deleteIfExists(liveFolder);
        }
    }

    private static void measure(Path plugins, Path marker, String live, String orphan) throws Exception {
        var runc = RuntimeCatalogue.byName("runc");
        ImageArchive pause = ImageArchive.sandbox(Path.of("/bin/busybox"));
        Path dir;
        String bridge;
        try (ManagedContainerd containerd = ManagedContainerd.start(List.of(CriHandler.forProfile(runc,
                runc.detect().path())), pause, Duration.ofSeconds(60), List.of(plugins.toString()));
                CriEngine engine = CriEngine.connect(containerd.endpoint(), Duration.ofSeconds(60))) {
            dir = containerd.dir();
            assertFalse(Files.exists(Path.of("/sys/class/net", orphan)), "the orphan bridge " + orphan + " stayed");
            assertTrue(Files.exists(Path.of("/sys/class/net", live)), "a live run's bridge " + live + " went");
            assertTrue(containerd.network().isPresent(), containerd.describeNetwork());
            bridge = containerd.network().get().bridge();
            assertTrue(engine.podNetwork());
            // two pods first: the first pod makes the bridge, which no later one pays for
            for (int i = 0; i < 2; i++) {
                time(engine, "warm-up");
            }
            List<long[]> plain = new ArrayList<>();
            List<long[]> delayed = new ArrayList<>();
            String[] phases = {"pod sandbox start", "pod stop", "pod remove"};
            // pairs until every phase's interval tells one delay from none and from two, at most MAX_PAIRS: a quiet
            // machine needs the first 8, a loaded one more (its differences spread by hundreds of ms), and no
            // tolerance here assumes the machine's speed
            int pairs = 0;
            while (pairs < MIN_PAIRS || (pairs < MAX_PAIRS && !decided(plain, delayed, phases.length))) {
                // AB, then BA: drift drops out of the paired differences
                boolean delayedFirst = pairs % 2 == 1;
                for (boolean delay : delayedFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    if (delay) {
                        Files.writeString(marker, "");
                    } else {
                        Files.deleteIfExists(marker);
                    }
                    (delay ? delayed : plain).add(time(engine, delay ? "delayed" : "plain"));
                }
                pairs++;
            }
            Files.deleteIfExists(marker);
            for (int p = 0; p < phases.length; p++) {
                double[] diff = differences(plain, delayed, p);
                double[] ci = medianInterval(diff);
                System.out.printf("CNI delay of %d ms on ADD and DEL: %s %+.1f ms, 95%% interval [%.1f, %.1f] over %d"
                        + " pairs (paired differences %s)%n", DELAY_MS, phases[p], median(diff), ci[0], ci[1],
                        diff.length, Arrays.toString(diff));
                // the delay is in this phase once: its interval excludes none and twice, and meets the delay give or
                // take 20% (a sleep and a fork of the shell)
                assertTrue(ci[0] > 0 && ci[1] < 2 * DELAY_MS && ci[0] <= 1.2 * DELAY_MS && ci[1] >= 0.8 * DELAY_MS,
                        phases[p] + ": interval [" + ci[0] + ", " + ci[1] + "] of " + Arrays.toString(diff));
            }
        }
        assertFalse(Files.exists(Path.of("/sys/class/net", bridge)), "the pods' bridge " + bridge + " was left");
        assertEquals(List.of(), Mounts.ofSelf().stream().filter(m -> m.isUnder(dir)).toList(), "mounts left");
        assertFalse(Files.exists(dir), "the managed containerd's folder was left: " + dir);
    }

    private static boolean decided(List<long[]> plain, List<long[]> delayed, int phases) {
        for (int p = 0; p < phases; p++) {
            double[] ci = medianInterval(differences(plain, delayed, p));
            if (ci[0] <= 0 || ci[1] >= 2 * DELAY_MS) {
                return false;
            }
        }
        return true;
    }

    /** The delayed pod's time less the plain one's, in ms, for each pair, sorted. */
    private static double[] differences(List<long[]> plain, List<long[]> delayed, int phase) {
        double[] diff = new double[plain.size()];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = (delayed.get(i)[phase] - plain.get(i)[phase]) / 1e6;
        }
        Arrays.sort(diff);
        return diff;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The distribution-free interval of the median from the sign test, at least 95%: the k-th smallest and the
     * k-th largest difference, k the largest with P(Binomial(n, 1/2) < k) <= 0.025.
     */
    static double[] medianInterval(double[] sorted) {
        int n = sorted.length;
        double tail = 0;
        double term = Math.pow(0.5, n);
        int k = 0;
        while (k < n / 2 && tail + term <= 0.025) {
            tail += term;
            term = term * (n - k) / (k + 1);
            k++;
        }
        k = Math.max(k, 1);
        return new double[] {sorted[k - 1], sorted[n - k]};
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        var r = Subprocess.run(cmd, Duration.ofSeconds(10));
        assertTrue(r.succeeded(), cmd + ": " + r.combined());
    }

    /** One pod's run, stop and removal, in nanoseconds each; its address must be in the pod network. */
    private static long[] time(CriEngine engine, String name) {
        long t0 = System.nanoTime();
        String pod = engine.runPodSandbox("cni-" + name, "runc", Map.of());
        long t1 = System.nanoTime();
        assertFalse(engine.podIp(pod).isEmpty(), "pod " + pod + " has no address");
        long t2 = System.nanoTime();
        engine.stopPodSandbox(pod);
        long t3 = System.nanoTime();
        engine.removePodSandbox(pod);
        long t4 = System.nanoTime();
        return new long[] {t1 - t0, t3 - t2, t4 - t3};
    }
}
