package dev.rtbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Ran;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} and {@code compare} need no engine: run in a JVM whose class path lacks the engine module, Docker's
 * client and the CRI's gRPC, they still do their work. Maven's module graph keeps the report's library off the
 * engine; this keeps the commands themselves off it, which a stray import in the entry point would undo.
 */
class WithoutEngineTest {

    /** A REAL published run through the CRI: 2 runtimes, 3 rounds, small enough to report in a few seconds. */
    static final Path RUN = Path.of("..", "results", "published", "before-fingerprints", "20261129-100635-4565",
            "results.json");

    /** What a class path entry of an engine looks like: the module (a jar or its classes) and what only it uses. */
    static final Pattern ENGINE = Pattern.compile(
            "rtbench-engine|harness/engine/|docker-java|/io/grpc/|protobuf-java|commons-compress|jackson-dataformat-toml");

    @Test
    void reportAndCompareRunWithNoEngineOnTheClassPath(@TempDir Path dir) throws Exception {
        List<String> kept = classPathWithoutEngine();
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.copy(RUN, a.resolve("results.json"));
        Files.copy(RUN, b.resolve("results.json"));

        Ran report = java(kept, dir, "report", a.toString());
        String reportOut = report.out();
        assertEquals(0, report.code(), reportOut);
        assertTrue(Files.size(a.resolve("report.md")) > 0, reportOut);
        assertTrue(Files.exists(a.resolve("report.html")), reportOut);

        Ran compare = java(kept, dir, "compare", a.resolve("results.json").toString(),
                b.resolve("results.json").toString());
        String compareOut = compare.out();
        // the run against itself has one density block: compare's verdict is "undecided" (exit 3), not an error
        assertEquals(3, compare.code(), compareOut);
        assertTrue(compareOut.contains("INCONCLUSIVE: 1 cannot rule out a regression"), compareOut);
        assertFalse(compareOut.contains("NoClassDefFoundError"), compareOut);
    }

    /** The test's own class path with the engine's entries left out; fails if there was nothing to leave out. */
    static List<String> classPathWithoutEngine() {
        List<String> all = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> kept = all.stream().filter(e -> !ENGINE.matcher(e).find()).toList();
        List<String> dropped = all.stream().filter(e -> ENGINE.matcher(e).find()).toList();
        assertTrue(dropped.stream().anyMatch(e -> e.contains("rtbench-engine") || e.contains("harness/engine/")),
                "the engine module was not on the class path to leave out: " + all);
        assertTrue(dropped.stream().anyMatch(e -> e.contains("docker-java")), "no docker-java to leave out: " + all);
        return kept;
    }

    static Ran java(List<String> classPath, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", String.join(File.pathSeparator, classPath), "dev.rtbench.bench.Main"));
        cmd.addAll(List.of(args));
        // both streams into one file, read at the end: a pipe read only then could fill and stall the command
        Path log = Files.createTempFile(dir, args[0], ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        // a generous deadline, for a slow machine: the report renders its charts in a few seconds here
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not end within 5 minutes: " + Files.readString(log));
        }
        return new Ran(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), "");
    }
}
