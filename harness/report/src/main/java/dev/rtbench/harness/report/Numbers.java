package dev.rtbench.harness.report;

import dev.rtbench.harness.stats.BlockEvidence;
import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.OverheadEstimate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How numbers are printed in reports: four significant digits, plain notation, dot as decimal separator. */
final class Numbers {

    private Numbers() {}

    static String value(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 100_000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) < 0.0001) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).toPlainString();
    }

    static String interval(Interval i) {
        return i.known() ? "[" + value(i.lower()) + ", " + value(i.upper()) + "]" : "[n/a]";
    }

    /** {@code +12.3 ms [8.1, 15.0]}: median(runtime) - median(reference) with its interval, in the metric's unit. */
    static String difference(OverheadEstimate o) {
        return difference(o.difference(), o.differenceInterval(), o.unit());
    }

    /** {@code +12.3 ms [8.1, 15.0]}: any difference with its interval, signed, in {@code unit}. */
    static String difference(double value, Interval i, String unit) {
        String ci = i.known() ? " [" + signedValue(i.lower()) + ", " + signedValue(i.upper()) + "]" : " [n/a]";
        return signedValue(value) + " " + unit + ci;
    }

    /**
     * Each block's ratio in block order, compactly, with how the interval resampled:
     * {@code 12 blocks: 1.21 1.35 1.18 ... (range 1.10-1.41)}.
     */
    static String blockRatios(OverheadEstimate o) {
        BlockEvidence b = o.blocks();
        if (b.count() == 0) {
            return "no shared blocks";
        }
        StringBuilder sb = new StringBuilder().append(b.count()).append(b.count() == 1 ? " block: " : " blocks: ");
        sb.append(String.join(" ", b.ratios().stream().map(OverheadEstimate::fmt).toList()));
        double lo = b.ratios().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double hi = b.ratios().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        sb.append(" (range ").append(OverheadEstimate.fmt(lo)).append('-').append(OverheadEstimate.fmt(hi)).append(')');
        if (b.resampling() == BlockEvidence.Resampling.INDEPENDENT) {
            sb.append("; too few blocks: interval from samples");
        } else if (b.resampling() == BlockEvidence.Resampling.BLOCKS) {
            sb.append("; too few blocks for a paired interval: bootstrap");
        }
        return sb.toString();
    }

    private static String signedValue(double v) {
        return Double.isFinite(v) && v > 0 ? "+" + value(v) : value(v);
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v * 100) : "n/a";
    }
}
