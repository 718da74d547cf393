package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.engine.cri.CriHandler;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's daemon.json entries as CRI handlers. */
class CriSideTest {

    private static RuntimeUnderTest user(String name, RuntimeEntry e) {
        return new RuntimeUnderTest(RuntimeCatalogue.forEntry(name, e), e, null, null);
    }

    @Test
    void aUsersEntryBecomesAHandlerOfItsBinaryAndArguments() {
        RuntimeEntry gv = RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none", "--platform=ptrace"));
        assertEquals(CriHandler.gvisor("gv", "/usr/bin/runsc", List.of("--network=none", "--platform=ptrace")),
                CriSide.handlerOf(user("gv", gv)));
        RuntimeEntry runc = RuntimeEntry.ofPath("/usr/sbin/runc", List.of());
        assertEquals(CriHandler.runcShim("runc-b", "/usr/sbin/runc", List.of()),
                CriSide.handlerOf(user("runc-b", runc)));
    }

    @Test
    void aShimEntryOtherThanKataIsRefusedWithWhatToDo() {
        RuntimeEntry shim = RuntimeEntry.ofType("io.containerd.other.v1", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CriSide.handlerOf(user("other", shim)));
        assertTrue(e.getMessage().contains("--engine docker"), e.getMessage());
    }
}
