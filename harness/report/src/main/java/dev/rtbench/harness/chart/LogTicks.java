package dev.rtbench.harness.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which values a logarithmic axis labels: 1-2-5 in every decade when they fit (0.5, 1, 2, 5, 10, 20 …), else
 * only the 1 of each decade, else every second or third decade. Labelling each 1…9 multiple, as XChart does,
 * runs the labels together ("0.50.60.70.80.91").
 */
final class LogTicks {

    /** The mantissas tried, densest first; each later set is a subset of the one before. */
    private static final List<int[]> MANTISSAS = List.of(new int[] {1, 2, 5}, new int[] {1});

    private LogTicks() {}

    /**
     * The densest readable set of values in {@code [lo, hi]}; {@code fits} says whether a candidate set (sorted
     * ascending) can be drawn without labels touching.
     */
    static List<Double> choose(double lo, double hi, Predicate<List<Double>> fits) {
        for (int[] m : MANTISSAS) {
            List<Double> v = values(lo, hi, m, 1);
            if (fits.test(v)) {
                return v;
            }
        }
        for (int every = 2; every < 100; every++) {
            List<Double> v = values(lo, hi, new int[] {1}, every);
            if (v.size() <= 2 || fits.test(v)) {
                return v;
            }
        }
        return values(lo, hi, new int[] {1}, 100);
    }

    /** {@code mantissa × 10^e} for every {@code every}-th decade e, within {@code [lo, hi]}. */
    static List<Double> values(double lo, double hi, int[] mantissas, int every) {
        List<Double> out = new ArrayList<>();
        if (!(lo > 0) || !(hi >= lo)) {
            return out;
        }
        // a hair of tolerance: 10^e is not exact in binary, and an axis bound is often exactly such a value
        double eps = 1e-9;
        for (int e = (int) Math.floor(Math.log10(lo)) - 1; e <= (int) Math.ceil(Math.log10(hi)); e++) {
            if (Math.floorMod(e, every) != 0) {
                continue;
            }
            for (int m : mantissas) {
                double v = Double.parseDouble(m + "e" + e);
                if (v >= lo * (1 - eps) && v <= hi * (1 + eps)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** {@code 0.5}, {@code 20}, {@code 1,000}: plain decimals, no exponent, no trailing zeros. */
    static String label(double v) {
        DecimalFormat f = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(v);
    }
}
