package dev.rtbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's help and usage errors, through the entry point; none of them needs Docker. */
class MainTest {

    static final List<String> COMMANDS = List.of("run", "doctor", "configure", "report", "compare", "validate",
            "runtimes");

    record Ran(int code, String out, String err) {}

    static Ran main(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandHasHelpWithItsOptions() {
        for (String c : COMMANDS) {
            for (String h : List.of("--help", "-h")) {
                Ran r = main(c, h);
                assertEquals(0, r.code(), c + " " + h + ": " + r.err());
                assertTrue(r.out().startsWith("usage: java -jar benchmarks.jar"), c + ": " + r.out());
                assertTrue(r.out().contains("-h, --help"), c + ": " + r.out());
            }
        }
        Ran top = main("--help");
        assertEquals(0, top.code());
        COMMANDS.forEach(c -> assertTrue(top.out().contains("  " + c + " "), c + " missing from " + top.out()));
        assertTrue(top.out().contains("  jmh "), top.out());
    }

    @Test
    void anUnknownOptionIsAUsageErrorOfEveryCommand() {
        for (String c : COMMANDS) {
            Ran r = main(c, "--no-such-option");
            assertEquals(2, r.code(), c + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith(c + ": no-such-option is not a recognized option"), c + ": " + r.err());
            assertTrue(r.err().contains("see: java -jar benchmarks.jar " + c + " --help")
                    || r.err().contains("(see configure --help)"), c + ": " + r.err());
        }
    }

    @Test
    void wrongWordsAndValuesAreUsageErrors() {
        assertEquals(2, main("runtimes", "extra").code());
        assertEquals(2, main("doctor", "--timeout", "soon").code());
        assertEquals(2, main("doctor", "--timeout", "0").code());
        assertEquals(2, main("run", "--timeout").code());
        assertEquals(2, main("validate", "--inject", "fast").code());
        assertEquals(2, main("compare", "only-one").code());
        assertEquals(2, main("report").code());
        Ran unknown = main("bench");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("unknown command \"bench\""), unknown.err());
    }

    @Test
    void optionsWithoutACommandBelongToRun() {
        Ran r = main("--profile", "smoke", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("usage: java -jar benchmarks.jar [run]"), r.out());
    }
}
