package dev.rtbench.harness.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run knew about one runtime under test.
 *
 * @param name        the daemon.json name (e.g. {@code runsc})
 * @param kind        the catalogue profile it matched (e.g. {@code gvisor}, {@code runc}), or {@code unknown}
 * @param version     the runtime's own version string, or null if unknown
 * @param platform    a variant that changes performance (gVisor platform, Kata hypervisor), or null
 * @param daemonEntry the daemon.json entry the runtime was registered with (path, runtimeArgs, ...)
 */
public record RuntimeEnvironment(
        String name, String kind, String version, String platform, Map<String, Object> daemonEntry) {

    public RuntimeEnvironment {
        // keeps the entry's own key order, as daemon.json has it
        daemonEntry = daemonEntry == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(daemonEntry));
    }
}
