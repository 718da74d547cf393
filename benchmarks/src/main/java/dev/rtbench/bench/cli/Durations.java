package dev.rtbench.bench.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations and percentages as a person types them: {@code 25ms}, {@code 0.5s}, {@code 10m}, {@code 20%}. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)");

    private Durations() {}

    static Duration parse(String text, String option) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(option + " takes a duration such as 25ms, 2s or 10m, got \"" + text + "\"");
        }
        double v = Double.parseDouble(m.group(1));
        double nanos = v * switch (m.group(2)) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        if (!(nanos > 0) || nanos > 7 * 24 * 3600e9) {
            throw new UsageException(option + " must be positive and at most a week, got \"" + text + "\"");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** A positive percentage ({@code 20%}, or {@code 20}) as a fraction. */
    static double percent(String text, String option) {
        return percent(text, option, false);
    }

    /** A percentage ({@code 20%}, {@code 5.5%}, or {@code 20}) as a fraction; 0 only when {@code zeroAllowed}. */
    static double percent(String text, String option, boolean zeroAllowed) {
        String t = text.strip();
        try {
            double v = Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1).strip() : t);
            if (!(zeroAllowed ? v >= 0 : v > 0) || !Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v / 100;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a " + (zeroAllowed ? "percentage of 0 or more" : "positive"
                    + " percentage") + " such as " + (zeroAllowed ? "10%" : "20%") + ", got \"" + text + "\"");
        }
    }
}
