package dev.rtbench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeCaveatsTest {

    @Test
    void gvisorOnPtraceCarriesItsCaveatWithItsReleaseDate() {
        // the version string Debian 12's runsc prints
        Optional<String> c = RuntimeCaveats.of("runsc", "gvisor", "runsc version 0.0~20221219.0", "ptrace");
        assertEquals("runsc: gVisor on its ptrace platform (runsc of 2022-12-19), which gVisor has not supported"
                + " since release-20230621.0 made systrap its default: its system-call and process costs are not"
                + " current gVisor's", c.orElseThrow());
        assertEquals(Optional.of("2022-12-19"), RuntimeCaveats.releaseDate("gvisor", "release-20221219.0"));
        assertEquals(Optional.of("unsupported by gVisor since 2023: not today's gVisor"),
                RuntimeCaveats.brief("gvisor", "ptrace"));
        assertEquals(Optional.empty(), RuntimeCaveats.brief("gvisor", "systrap"));
    }

    @Test
    void supportedConfigurationsCarryNone() {
        assertTrue(RuntimeCaveats.of("runsc", "gvisor", "release-20240212.0", "systrap").isEmpty());
        assertTrue(RuntimeCaveats.of("runsc-kvm", "gvisor", "release-20240212.0", "kvm").isEmpty());
        assertTrue(RuntimeCaveats.of("runc", "runc", "1.1.5", null).isEmpty());
        // a ptrace runsc whose version says no date still carries it, without a date
        assertTrue(RuntimeCaveats.of("gv", "gvisor", null, "ptrace").orElseThrow().startsWith(
                "gv: gVisor on its ptrace platform, which"));
        assertEquals(Optional.empty(), RuntimeCaveats.releaseDate("runc", "1.1.5"));
        assertTrue(RuntimeCaveats.of((dev.rtbench.harness.results.Environment) null).isEmpty());
    }
}
