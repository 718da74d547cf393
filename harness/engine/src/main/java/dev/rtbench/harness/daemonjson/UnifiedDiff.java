package dev.rtbench.harness.daemonjson;

import java.util.ArrayList;
import java.util.List;

/**
 * A small line-based unified diff (longest common subsequence, 3 lines of context) for showing
 * what {@code configure --dry-run} would change in daemon.json. Line endings are part of a line
 * when comparing, so a CRLF/LF change shows; a last line without a newline is marked as
 * {@code diff -u} does.
 *
 * <p>Edits are splices, so the lines before and after the changed region are equal: they are
 * matched first and only the region between is compared, which keeps a 10 MB file cheap. When
 * that region is itself too large to compare line by line, it is shown as removed and re-added
 * (still a valid diff, only not the smallest).
 */
public final class UnifiedDiff {

    static final int CONTEXT = 3;
    private static final String NO_NEWLINE = "\\ No newline at end of file";

    private UnifiedDiff() {
    }

    /** The diff from {@code before} to {@code after}, or "" when they are equal. */
    public static String unifiedDiff(String before, String after, String label) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<int[]> ops = script(a, b);   // each: {op, ai, bi}; op ' ', '-', '+'
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(label).append('\n');
        out.append("+++ ").append(label).append(" (after rtbench)").append('\n');
        int n = ops.size();
        int i = 0;
        while (i < n) {
            if (ops.get(i)[0] == ' ') {
                i++;
                continue;
            }
            // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change
            // that is no more than 2*CONTEXT unchanged lines away.
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int j = i;
            while (j < n) {
                if (ops.get(j)[0] != ' ') {
                    end = j;
                    j++;
                    continue;
                }
                int k = j;
                while (k < n && ops.get(k)[0] == ' ') {
                    k++;
                }
                if (k < n && k - j <= 2 * CONTEXT) {
                    j = k;
                } else {
                    break;
                }
            }
            int stop = Math.min(n, end + 1 + CONTEXT);
            appendHunk(out, ops.subList(start, stop), a, b);
            i = stop;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<int[]> hunk, List<String> a, List<String> b) {
        int aStart = -1;
        int bStart = -1;
        int aCount = 0;
        int bCount = 0;
        for (int[] op : hunk) {
            if (op[0] != '+') {
                aCount++;
                if (aStart < 0) {
                    aStart = op[1];
                }
            }
            if (op[0] != '-') {
                bCount++;
                if (bStart < 0) {
                    bStart = op[2];
                }
            }
        }
        // Unified diff numbers lines from 1; an empty side is given as the line before it.
        int[] first = hunk.get(0);
        out.append("@@ -").append(range(aStart < 0 ? first[1] : aStart + 1, aCount))
                .append(" +").append(range(bStart < 0 ? first[2] : bStart + 1, bCount)).append(" @@\n");
        for (int[] op : hunk) {
            String line = op[0] == '+' ? b.get(op[2]) : a.get(op[1]);
            out.append((char) op[0]).append(strip(line)).append('\n');
            if (!line.endsWith("\n")) {
                out.append(NO_NEWLINE).append('\n');
            }
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static String strip(String line) {
        if (line.endsWith("\r\n")) {
            return line.substring(0, line.length() - 2);
        }
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }

    /** Splits keeping each line's terminator. */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                out.add(s.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < s.length()) {
            out.add(s.substring(from));
        }
        return out;
    }

    /** Largest middle region compared line by line (cells of the LCS table: 16 MB of ints). */
    static final long MAX_COMPARED = 4_000_000L;

    /**
     * The edit script with only CONTEXT equal lines kept on each side of the changed region: lines
     * further away can never be printed.
     */
    private static List<int[]> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int pre = 0;
        while (pre < n && pre < m && a.get(pre).equals(b.get(pre))) {
            pre++;
        }
        int suf = 0;
        while (suf < n - pre && suf < m - pre && a.get(n - 1 - suf).equals(b.get(m - 1 - suf))) {
            suf++;
        }
        List<int[]> ops = new ArrayList<>();
        for (int i = Math.max(0, pre - CONTEXT); i < pre; i++) {
            ops.add(new int[] {' ', i, i});
        }
        middle(a, b, pre, n - suf, pre, m - suf, ops);
        for (int k = 0; k < Math.min(suf, CONTEXT); k++) {
            ops.add(new int[] {' ', n - suf + k, m - suf + k});
        }
        return ops;
    }

    private static void middle(List<String> a, List<String> b, int aFrom, int aTo, int bFrom, int bTo, List<int[]> ops) {
        int n = aTo - aFrom;
        int m = bTo - bFrom;
        if ((long) (n + 1) * (m + 1) > MAX_COMPARED) {
            for (int i = aFrom; i < aTo; i++) {
                ops.add(new int[] {'-', i, bFrom});
            }
            for (int j = bFrom; j < bTo; j++) {
                ops.add(new int[] {'+', aTo, j});
            }
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(aFrom + i).equals(b.get(bFrom + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(aFrom + i).equals(b.get(bFrom + j))) {
                ops.add(new int[] {' ', aFrom + i++, bFrom + j++});
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new int[] {'-', aFrom + i++, bFrom + j});   // removals first, as diff -u prints them
            } else {
                ops.add(new int[] {'+', aFrom + i, bFrom + j++});
            }
        }
    }
}
