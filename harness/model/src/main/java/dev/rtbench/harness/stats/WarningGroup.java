package dev.rtbench.harness.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Warnings of one kind whose messages are the same up to their figures, shown as one line. The members are the
 * original {@link StatsWarning}s, unchanged, so nothing is lost for programmatic use; only the display is merged.
 *
 * @param kind    the kind shared by all members
 * @param members the warnings, in the order the analysis gave them (at least one)
 */
public record WarningGroup(StatsWarning.Kind kind, List<StatsWarning> members) {

    /** Stands for a figure that differs between members; their own values follow the message. */
    static final String VARIES = "…";

    public WarningGroup {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a warning group needs a member");
        }
    }

    /** The line with every member named. */
    public String text() {
        return text(Integer.MAX_VALUE);
    }

    /**
     * The line, naming at most {@code maxNames} members and counting the rest, so that a console line stays short
     * while the report names all. A group of one reads exactly as its warning's own {@link StatsWarning#text()}.
     */
    public String text(int maxNames) {
        if (members.size() == 1) {
            return members.get(0).text();
        }
        List<List<String>> figures = members.stream().map(w -> WarningDigest.figures(w.message())).toList();
        boolean[] varies = new boolean[figures.get(0).size()];
        for (List<String> f : figures) {
            for (int i = 0; i < varies.length; i++) {
                varies[i] |= !f.get(i).equals(figures.get(0).get(i));
            }
        }
        String message = withVaryingMarked(members.get(0).message(), varies);
        StringBuilder sb = new StringBuilder().append(members.size()).append(" series");
        if (!message.contains(VARIES)) {
            return sb.append(" (").append(names(maxNames)).append("): ").append(message).toString();
        }
        // the figures differ: keep each member's own values, after the shared text
        sb.append(": ").append(message).append(" — ");
        int shown = Math.min(maxNames, members.size());
        for (int m = 0; m < shown; m++) {
            List<String> own = new ArrayList<>();
            for (int i = 0; i < varies.length; i++) {
                if (varies[i]) {
                    own.add(figures.get(m).get(i));
                }
            }
            sb.append(m > 0 ? ", " : "").append(name(members.get(m))).append(' ').append(String.join("/", own));
        }
        return sb.append(more(members.size() - shown)).toString();
    }

    /**
     * The members' keys, compactly: keys sharing the same runtimes are listed together, as in
     * {@code cpu, syscall under runsc; exec under runc, runsc}.
     */
    String names(int maxNames) {
        Map<String, List<String>> runtimesByKey = new LinkedHashMap<>();
        for (StatsWarning w : members) {
            String key = w.key() == null ? "whole run" : w.key().label();
            List<String> rts = runtimesByKey.computeIfAbsent(key, k -> new ArrayList<>());
            if (w.runtime() != null && !rts.contains(w.runtime())) {
                rts.add(w.runtime());
            }
        }
        Map<List<String>, List<String>> keysByRuntimes = new LinkedHashMap<>();
        runtimesByKey.forEach((k, rts) -> keysByRuntimes.computeIfAbsent(rts, r -> new ArrayList<>()).add(k));
        List<String> parts = new ArrayList<>();
        int budget = maxNames;
        for (Map.Entry<List<String>, List<String>> e : keysByRuntimes.entrySet()) {
            List<String> keys = e.getValue();
            int shown = Math.min(budget, keys.size());
            budget -= shown;
            int omitted = keys.size() - shown;
            // every key is either named or counted, never silently dropped
            String list = shown == 0 ? omitted + " more" : String.join(", ", keys.subList(0, shown)) + more(omitted);
            parts.add(list + (e.getKey().isEmpty() ? "" : " under " + String.join(", ", e.getKey())));
        }
        return String.join("; ", parts);
    }

    private static String name(StatsWarning w) {
        String key = w.key() == null ? null : w.key().label();
        return key == null ? Objects.requireNonNullElse(w.runtime(), "whole run")
                : w.runtime() == null ? key : key + "/" + w.runtime();
    }

    private static String more(int n) {
        return n > 0 ? " and " + n + " more" : "";
    }

    private static String withVaryingMarked(String message, boolean[] varies) {
        Matcher m = WarningDigest.FIGURE.matcher(message);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(varies[i++] ? VARIES : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
