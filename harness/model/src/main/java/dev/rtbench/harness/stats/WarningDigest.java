package dev.rtbench.harness.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups warnings for display. With few samples the same warning fires for nearly every workload and runtime, and
 * dozens of near-identical lines hide the one that matters; warnings of the same kind whose messages differ only in
 * their figures have the same cause, so they are shown as one {@link WarningGroup} naming every key.
 */
public final class WarningDigest {

    /** A figure in a message: {@code 6}, {@code 0.05}, {@code 1,234.5}. */
    static final Pattern FIGURE = Pattern.compile("\\d+(?:[.,]\\d+)*");

    private WarningDigest() {}

    /** The groups, in the order of each group's first warning. */
    public static List<WarningGroup> group(List<StatsWarning> warnings) {
        Map<String, List<StatsWarning>> byCause = new LinkedHashMap<>();
        for (StatsWarning w : warnings) {
            String cause = w.kind() + "\u0000" + FIGURE.matcher(w.message()).replaceAll("\u0001");
            byCause.computeIfAbsent(cause, c -> new ArrayList<>()).add(w);
        }
        return byCause.values().stream().map(ws -> new WarningGroup(ws.get(0).kind(), ws)).toList();
    }

    /** One line per group, naming at most {@code maxNames} keys per line and counting the rest. */
    public static List<String> lines(List<StatsWarning> warnings, int maxNames) {
        return group(warnings).stream().map(g -> g.text(maxNames)).toList();
    }

    static List<String> figures(String message) {
        List<String> out = new ArrayList<>();
        Matcher m = FIGURE.matcher(message);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
