package dev.rtbench.harness.report;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.HostSample;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.Quantiles;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SampleSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host reference in the report: each reference workload's primary figure on the host itself, outside any
 * container, and each runtime's median against it, so that a ratio to the baseline runtime can be read against the
 * host it came from (a machine twice as slow shows here first).
 */
public final class HostReferenceSection {

    private HostReferenceSection() {}

    /** The host's figure of one workload: its primary metric over the rounds (median and quartiles). */
    public record HostFigure(MetricKey key, double median, double p25, double p75, int n, int failed, String unit,
            Direction direction) {}

    static List<HostFigure> figures(List<HostSample> samples) {
        // each workload's first metric is its primary, as in the containers (MetricFamilies)
        Map<String, String> primary = new LinkedHashMap<>();
        samples.stream().filter(HostSample::ok).forEach(s -> primary.putIfAbsent(s.workload(), s.metric()));
        List<HostFigure> out = new ArrayList<>();
        primary.forEach((workload, metric) -> {
            List<HostSample> these = samples.stream().filter(s -> s.workload().equals(workload)).toList();
            double[] v = these.stream().filter(s -> s.ok() && s.metric().equals(metric))
                    .mapToDouble(HostSample::value).toArray();
            HostSample first = these.stream().filter(s -> s.metric().equals(metric)).findFirst().orElseThrow();
            int failed = (int) these.stream().filter(s -> !s.ok()).count();
            out.add(new HostFigure(new MetricKey(workload, metric), Quantiles.median(v), Quantiles.of(v, 0.25),
                    Quantiles.of(v, 0.75), v.length, failed, first.unit(), first.direction()));
        });
        return out;
    }

    static List<Block> blocks(RunAnalysis a) {
        List<HostSample> samples = a.results().hostReference();
        if (samples.isEmpty()) {
            return List.of();
        }
        List<Block> out = new ArrayList<>();
        out.add(new Block.Heading(2, "Host reference"));
        out.add(new Block.Paragraph("The same workloads run on the host itself, outside any container, with the"
                + " containers' scripts and tools, once a round before its blocks: the host's median and"
                + " interquartile range over the rounds, and each runtime's median against it (above 1 is worse; for"
                + " rates the host's over the runtime's). A ratio to " + a.baseline() + " is read against these: a"
                + " slower or busier host moves the host's own figures first."));
        List<String> header = new ArrayList<>(List.of("workload (metric)", "host: median [IQR], rounds"));
        a.runtimes().forEach(r -> header.add(r + ": median, against the host"));
        List<List<String>> rows = new ArrayList<>();
        for (HostFigure f : figures(samples)) {
            List<String> row = new ArrayList<>(List.of(f.key().label(), Numbers.value(f.median()) + " " + f.unit()
                    + " [" + Numbers.value(f.p25()) + ", " + Numbers.value(f.p75()) + "], " + f.n()
                    + (f.failed() > 0 ? " (" + f.failed() + " failed)" : "")));
            for (String r : a.runtimes()) {
                Optional<SampleSummary> s = a.summary(f.key(), r).filter(x -> x.unit().equals(f.unit()));
                row.add(s.map(x -> Numbers.value(x.median()) + " " + x.unit() + ", " + OverheadEstimate.fmt(
                        againstHost(x.median(), f)) + "x").orElse("not measured"));
            }
            rows.add(row);
        }
        boolean[] right = new boolean[header.size()];
        Arrays.fill(right, 1, right.length, true);
        out.add(new Block.Table(header, rows, right));
        samples.stream().filter(s -> !s.ok()).map(s -> "round " + s.round() + ", " + s.workload() + " on the host: "
                + s.failure()).limit(5).forEach(line -> out.add(new Block.Paragraph(line)));
        return out;
    }

    /** {@code host reference (outside any container): syscall-null 1.1e6 ops/s, ...}, or empty. */
    static Optional<String> line(List<HostSample> samples) {
        List<HostFigure> f = figures(samples);
        return f.isEmpty() ? Optional.empty() : Optional.of("Host reference (outside any container, medians of "
                + f.get(0).n() + " rounds): " + String.join(", ", f.stream().map(x -> x.key().label() + " "
                        + Numbers.value(x.median()) + " " + x.unit()).toList()));
    }

    /**
     * The two runs' hosts side by side, e.g. {@code syscall-null (ops-rate) 26500 ops/s, then 27750 (1.05x
     * faster)}: how much the machines differ outside any container, which every ratio of a runtime to runc is read
     * against. Empty unless both runs measured a host reference.
     */
    public static Optional<String> sideBySide(RunResults before, RunResults after) {
        List<HostFigure> a = figures(before.hostReference());
        List<HostFigure> b = figures(after.hostReference());
        List<String> parts = new ArrayList<>();
        for (HostFigure x : a) {
            b.stream().filter(y -> y.key().equals(x.key()) && y.unit().equals(x.unit())).findFirst().ifPresent(y -> {
                double worse = againstHost(y.median(), x);
                parts.add(x.key().label() + " " + Numbers.value(x.median()) + " " + x.unit() + ", then "
                        + Numbers.value(y.median()) + " (" + OverheadEstimate.fmt(worse >= 1 ? worse : 1 / worse)
                        + "x " + (worse >= 1 ? "slower" : "faster") + ")");
            });
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of("host reference (outside any container), "
                + before.runId() + " then " + after.runId() + ": " + String.join("; ", parts));
    }

    /** A runtime's median against the host's, above 1 worse. */
    static double againstHost(double runtime, HostFigure host) {
        return host.direction() == Direction.HIGHER_IS_BETTER ? host.median() / runtime : runtime / host.median();
    }
}
