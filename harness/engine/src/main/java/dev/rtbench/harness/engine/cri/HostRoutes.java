package dev.rtbench.harness.engine.cri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The host's IPv4 routes ({@code /proc/net/route}), so that a pod network takes a range nothing else uses. */
final class HostRoutes {

    static final Path PROC = Path.of("/proc/net/route");

    private HostRoutes() {
    }

    /** One route: its destination as a 32-bit address and its prefix length. */
    record Route(long destination, int prefixLength) {
        Route {
            if (prefixLength < 0 || prefixLength > 32) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is not 0 to 32");
            }
            destination &= mask(prefixLength);
        }

        /** Whether the two ranges share an address: the shorter prefix covers the other's start. */
        boolean overlaps(Route other) {
            int common = Math.min(prefixLength, other.prefixLength);
            return (destination & mask(common)) == (other.destination & mask(common));
        }

        private static long mask(int prefix) {
            return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        }
    }

    /** The routes of the host's main table, or none when the file cannot be read (then every range looks free). */
    static List<Route> ipv4() {
        try {
            return parse(Files.readAllLines(PROC));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Parses {@code /proc/net/route}: a header, then per route hexadecimal fields in the host's (little) byte order. */
    static List<Route> parse(List<String> lines) {
        List<Route> out = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                long dest = Long.reverseBytes(Long.parseLong(f[1], 16) << 32) & 0xFFFFFFFFL;
                long mask = Long.reverseBytes(Long.parseLong(f[7], 16) << 32) & 0xFFFFFFFFL;
                out.add(new Route(dest, Long.bitCount(mask)));
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return out;
    }
}
