package dev.rtbench.workloads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A workload script run on the host rather than in a container, for tests of the scripts' logic: the script with
 * lib.sh beside it, busybox's applets and stand-ins for the tools in a folder that is the whole PATH.
 */
final class HostScripts {

    private HostScripts() {
    }

    /** Links each of {@code applets} in {@code bin} to the host's busybox. */
    static void applets(Path bin, List<String> applets) throws IOException {
        for (String applet : applets) {
            Files.createSymbolicLink(bin.resolve(applet), WorkloadImage.HOST_BUSYBOX);
        }
    }

    /** Writes {@code bin/name}, a busybox shell script of {@code body}, in a tool's place. */
    static void standIn(Path bin, String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!" + WorkloadImage.HOST_BUSYBOX + " sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Copies {@code /rtbench/NAME.sh} into {@code dir}, sourcing a copy of lib.sh there, edited by {@code edit}. */
    static Path copy(Path dir, String name, UnaryOperator<String> edit) throws IOException {
        Path lib = dir.resolve("lib.sh");
        Files.writeString(lib, CapturedOutput.read("/rtbench/lib.sh", true), StandardCharsets.UTF_8);
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, edit.apply(CapturedOutput.read("/rtbench/" + name + ".sh", true)
                .replace(". /rtbench/lib.sh", ". " + lib)), StandardCharsets.UTF_8);
        return script;
    }
}
