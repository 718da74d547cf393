package dev.rtbench.harness.chart;

import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.RuntimeEnvironment;
import dev.rtbench.harness.results.RuntimeCaveats;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The environment line printed under every chart: a chart copied out of its report still says where it came from. */
public final class Footnote {

    private Footnote() {}

    /** E.g. {@code CPU: Xeon ... (2 CPUs) | kernel 6.1.0 | Docker 24.0.7 | runc 1.1.12, runsc ... | run x, 2024-03-01}. */
    public static String of(RunResults results) {
        List<String> parts = new ArrayList<>();
        Environment env = results.environment();
        if (env != null) {
            if (env.cpuModel() != null) {
                parts.add("CPU: " + env.cpuModel() + (env.cpus() > 0 ? " (" + env.cpus() + " CPUs)" : ""));
            }
            if (env.kernel() != null) {
                parts.add("kernel " + env.kernel());
            }
            if (env.dockerVersion() != null) {
                parts.add("Docker " + env.dockerVersion());
            }
            List<String> rts = new ArrayList<>();
            for (RuntimeEnvironment r : env.runtimes()) {
                String v = r.name() + " " + Objects.requireNonNullElse(r.version(), "version unknown");
                rts.add(r.platform() == null ? v : v + " (" + r.platform()
                        + RuntimeCaveats.brief(r.kind(), r.platform()).map(b -> ", " + b).orElse("") + ")");
            }
            if (!rts.isEmpty()) {
                parts.add(String.join(", ", rts));
            }
            Environment.fingerprintOf(env).ifPresent(f -> parts.add("machine " + f));
        }
        String date = results.started() == null ? "date unknown"
                : DateTimeFormatter.ISO_LOCAL_DATE.format(results.started().atOffset(ZoneOffset.UTC));
        parts.add("run " + results.runId() + ", " + date);
        return String.join(" | ", parts);
    }
}
