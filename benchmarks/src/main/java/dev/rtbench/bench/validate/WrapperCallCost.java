package dev.rtbench.bench.validate;

import dev.rtbench.harness.engine.trace.TracingWrapper;
import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.harness.stats.Bootstrap;
import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.Quantiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What one call through a tracing wrapper costs, outside any engine: a binary that does nothing ({@code true}) run
 * bare, behind the OCI verbs' wrapper and behind the CNI plugins' wrapper, in turns, so that the machine's drift
 * falls on all three alike. The difference of the medians per call is the wrapper's own cost (a shell's start and
 * one line appended to the log), which a traced phase pays once per verb or plugin call. It complements the A/A of
 * {@code validate --attribute}, which measures the wrapper inside a phase but cannot reach the CNI plugins: the
 * managed containerd runs them for every handler alike.
 */
final class WrapperCallCost {

    /** Calls per kind: 40 turns take a second or two, and the median of 40 is steady to a fraction of a ms. */
    static final int CALLS = 40;

    /** The cost per call of one wrapper, against the bare binary. */
    record Cost(String wrapper, double medianMs, double differenceMs, Interval difference, int calls) {
        String describe() {
            return String.format(Locale.ROOT, "one call behind the %s: %+.2f ms [%.2f, %.2f] against the bare binary"
                    + " (median %.2f ms a call, %d calls in turns)", wrapper, differenceMs, difference.lower(),
                    difference.upper(), medianMs, calls);
        }
    }

    private WrapperCallCost() {}

    /** Measures both wrappers; empty when {@code true} or bash cannot run here (said by the caller). */
    static List<Cost> measure(int calls, double confidence) {
        Path truth = Path.of("/bin/true");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rtb-wrapcost-");
            Path log = dir.resolve("verbs.log");
            Path oci = TracingWrapper.install(dir.resolve("oci"), "runtime", truth, log);
            Path cni = TracingWrapper.installCni(dir.resolve("cni"), "plugin", truth, log);
            List<double[]> bare = new ArrayList<>();
            List<double[]> viaOci = new ArrayList<>();
            List<double[]> viaCni = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                // each turn is a block of the three, in an order that rotates
                double[] t = new double[3];
                for (int k = 0; k < 3; k++) {
                    int which = (i + k) % 3;
                    t[which] = time(which == 0 ? truth : which == 1 ? oci : cni, which == 1 ? "state" : null);
                }
                bare.add(new double[] {t[0]});
                viaOci.add(new double[] {t[1]});
                viaCni.add(new double[] {t[2]});
            }
            return List.of(cost("OCI verbs' wrapper", viaOci, bare, confidence),
                    cost("CNI plugins' wrapper", viaCni, bare, confidence));
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        } finally {
            if (dir != null) {
                FileTrees.deleteQuietly(dir);
            }
        }
    }

    private static Cost cost(String name, List<double[]> via, List<double[]> bare, double confidence) {
        double m = Quantiles.median(flat(via));
        double d = m - Quantiles.median(flat(bare));
        Interval ci = new Bootstrap(Bootstrap.seedFor(20_261_203L, name), 2000)
                .blockRatioAndDifference(via, bare, confidence)[1];
        return new Cost(name, m, d, ci, via.size());
    }

    private static double[] flat(List<double[]> blocks) {
        return blocks.stream().mapToDouble(b -> b[0]).toArray();
    }

    /** One call's wall time in ms, the CNI command in the environment as containerd sets it. */
    private static double time(Path binary, String verb) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        if (verb != null) {
            cmd.add(verb);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CNI_COMMAND", "VERSION");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(binary + " did not exit within 60 s");
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
