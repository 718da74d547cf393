package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The successful samples of a runtime and its reference, grouped by counterbalanced block, keeping only the blocks
 * where both sides have at least one successful sample: the blocks a within-block comparison can use.
 *
 * @param blocks block indices, ascending
 * @param x      the runtime's values in each block (same order as {@code blocks})
 * @param y      the reference's values in each block
 */
public record BlockPairs(List<Integer> blocks, List<double[]> x, List<double[]> y) {

    public BlockPairs {
        blocks = List.copyOf(blocks);
        x = x.stream().map(double[]::clone).toList();
        y = y.stream().map(double[]::clone).toList();
    }

    public static BlockPairs of(List<Sample> runtime, List<Sample> reference) {
        Map<Integer, double[]> bx = byBlock(runtime);
        Map<Integer, double[]> by = byBlock(reference);
        List<Integer> blocks = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        List<double[]> y = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : bx.entrySet()) {
            double[] other = by.get(e.getKey());
            if (other != null) {
                blocks.add(e.getKey());
                x.add(e.getValue());
                y.add(other);
            }
        }
        return new BlockPairs(blocks, x, y);
    }

    private static Map<Integer, double[]> byBlock(List<Sample> samples) {
        Map<Integer, List<Double>> m = new TreeMap<>();
        for (Sample s : samples) {
            if (s.ok()) {
                m.computeIfAbsent(s.block(), b -> new ArrayList<>()).add(s.value());
            }
        }
        Map<Integer, double[]> out = new TreeMap<>();
        m.forEach((b, v) -> out.put(b, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    public int size() {
        return blocks.size();
    }

    public double[] pooledX() {
        return pool(x);
    }

    public double[] pooledY() {
        return pool(y);
    }

    /** Per block: {@code median(x_b) / median(y_b)}, the runtime over the reference (not yet oriented). */
    public double[] ratios() {
        double[] r = new double[size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = Quantiles.median(x.get(i)) / Quantiles.median(y.get(i));
        }
        return r;
    }

    /** Per block: {@code log(median(x_b) / median(y_b))}, what the within-block and between-run tests rank. */
    public double[] logRatios() {
        return logs(ratios());
    }

    /** Per block: the log of the q-quantile of x_b over that of y_b (q = 0.9: each block's upper tail). */
    public double[] logRatios(double q) {
        double[] r = new double[size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = Quantiles.of(x.get(i), q) / Quantiles.of(y.get(i), q);
        }
        return logs(r);
    }

    private static double[] logs(double[] ratios) {
        double[] out = new double[ratios.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(ratios[i]);
        }
        return out;
    }

    /** Per block: {@code median(x_b) - median(y_b)}, in the metric's unit. */
    public double[] differences() {
        double[] d = new double[size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Quantiles.median(x.get(i)) - Quantiles.median(y.get(i));
        }
        return d;
    }

    /** The values of the groups {@code drawn} names, a group as often as it is drawn (a block bootstrap's draw). */
    static double[] pool(List<double[]> groups, int[] drawn) {
        int size = 0;
        for (int b : drawn) {
            size += groups.get(b).length;
        }
        double[] pooled = new double[size];
        int at = 0;
        for (int b : drawn) {
            double[] g = groups.get(b);
            System.arraycopy(g, 0, pooled, at, g.length);
            at += g.length;
        }
        return pooled;
    }

    static double[] pool(List<double[]> groups) {
        return groups.stream().flatMapToDouble(Arrays::stream).toArray();
    }
}
