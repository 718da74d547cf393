package dev.rtbench.harness.chart;

import java.awt.Color;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One colour per runtime, the same in every chart. Well-known runtimes always get the same colour, in every run,
 * so charts of different runs can be read side by side; other runtimes take the remaining colours of the
 * Okabe-Ito palette (readable with colour-blindness) in the order of the run's configuration.
 */
public final class RuntimePalette {

    private static final Map<String, Color> KNOWN = Map.ofEntries(
            Map.entry("runc", new Color(0x59, 0x59, 0x59)),
            Map.entry("runsc", new Color(0x00, 0x72, 0xB2)),
            Map.entry("kata", new Color(0xD5, 0x5E, 0x00)),
            Map.entry("kata-runtime", new Color(0xD5, 0x5E, 0x00)),
            Map.entry("io.containerd.kata.v2", new Color(0xD5, 0x5E, 0x00)),
            Map.entry("crun", new Color(0x00, 0x9E, 0x73)),
            Map.entry("youki", new Color(0xCC, 0x79, 0xA7)));

    private static final List<Color> OTHERS = List.of(
            new Color(0x56, 0xB4, 0xE9), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
            new Color(0xCC, 0x79, 0xA7), new Color(0xF0, 0xE4, 0x42), new Color(0x00, 0x00, 0x00),
            new Color(0x88, 0x22, 0x55), new Color(0x44, 0xAA, 0x99));

    private final Map<String, Color> colours = new LinkedHashMap<>();

    /** Assigns colours to {@code runtimes} (the run's order). */
    public RuntimePalette(List<String> runtimes) {
        Set<Color> used = new HashSet<>();
        for (String r : runtimes) {
            Color c = KNOWN.get(r);
            if (c != null && used.add(c)) {
                colours.put(r, c);
            }
        }
        int next = 0;
        for (String r : runtimes) {
            if (colours.containsKey(r)) {
                continue;
            }
            Color c = null;
            while (next < OTHERS.size() && used.contains(c = OTHERS.get(next))) {
                next++;
            }
            if (next >= OTHERS.size()) {
                // more runtimes than colours: derive a distinct hue from the name, stable across runs
                c = Color.getHSBColor((r.hashCode() & 0xFFFF) / 65536f, 0.7f, 0.75f);
            }
            next++;
            used.add(c);
            colours.put(r, c);
        }
    }

    public Color colour(String runtime) {
        Color c = colours.get(runtime);
        if (c == null) {
            throw new IllegalArgumentException("runtime \"" + runtime + "\" has no colour: known are " + colours.keySet());
        }
        return c;
    }

    /** {@code #rrggbb}, for HTML. */
    public String hex(String runtime) {
        return String.format("#%06x", colour(runtime).getRGB() & 0xFFFFFF);
    }
}
