package dev.rtbench.bench.run;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.results.RuntimeEnvironment;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.util.Map;

/**
 * A runtime as one run measures it.
 *
 * @param profile its catalogue profile (or one made for a user's own entry)
 * @param entry   its daemon.json entry; null for dockerd's built-in runc
 * @param version  its own version line, or null
 * @param platform the variant that changes performance (gVisor platform, Kata hypervisor), or null
 */
public record RuntimeUnderTest(RuntimeProfile profile, RuntimeEntry entry, String version, String platform) {

    public String name() {
        return profile.name();
    }

    public RuntimeEnvironment environment() {
        return new RuntimeEnvironment(name(), profile.kind().label(), version,
                platform, entry == null ? Map.of() : entry.toJsonMap());
    }
}
