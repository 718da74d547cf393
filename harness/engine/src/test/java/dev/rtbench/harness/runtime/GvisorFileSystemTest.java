package dev.rtbench.harness.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GvisorFileSystemTest {

    /** `runsc flags` of Debian 12's runsc (release 20221219), captured on this project's machine. */
    static String captured() throws Exception {
        return Files.readString(Path.of(GvisorFileSystemTest.class.getResource("/captured/runsc-20221219-flags.txt")
                .toURI()));
    }

    @Test
    void theDefaultsAreReadFromWhatThisRunscStates() throws Exception {
        var d = GvisorFileSystem.defaults(captured());
        assertEquals("exclusive", d.get("file-access"), d.toString());
        assertEquals("shared", d.get("file-access-mounts"), d.toString());
        assertEquals("", d.get("overlay2"), "the 2022 release states no default for overlay2: " + d);
        assertTrue(d.containsKey("overlay"), d.toString());
    }

    @Test
    void flagsInTheRuntimeArgsWinOverDefaults() throws Exception {
        String line = GvisorFileSystem.describe(captured(), List.of("--network=none", "--overlay2=root:memory",
                "--file-access=shared"), "/usr/bin/runsc");
        assertTrue(line.startsWith("/usr/bin/runsc file system: "), line);
        assertTrue(line.contains("overlay2=root:memory (set in runtimeArgs)"), line);
        assertTrue(line.contains("file-access=shared (set in runtimeArgs)"), line);
        assertTrue(line.contains("file-access-mounts=shared (this runsc's default)"), line);
        String plain = GvisorFileSystem.describe(captured(), List.of("--network=none"), "/usr/bin/runsc");
        assertTrue(plain.contains("file-access=exclusive (this runsc's default)"), plain);
        assertTrue(plain.contains("overlay2=unset (this runsc's default)"), plain);
    }
}
