package dev.rtbench.harness.report;

import dev.rtbench.harness.stats.Interval;
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

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v * 100) : "n/a";
    }

    static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f", v) : "n/a";
    }
}
