package dev.rtbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's help and usage errors, through the entry point; none of them needs Docker. */
class MainTest {

    static final List<String> COMMANDS = List.of("run", "doctor", "configure", "report", "compare", "validate",
            "runtimes");

    @Test
    void everyCommandHasHelpWithItsOptions() {
        for (String c : COMMANDS) {
            for (String h : List.of("--help", "-h")) {
                Ran r = Ran.main(c, h);
                assertEquals(0, r.code(), c + " " + h + ": " + r.err());
                assertTrue(r.out().startsWith("usage: java -jar benchmarks.jar"), c + ": " + r.out());
                assertTrue(r.out().contains("-h, --help"), c + ": " + r.out());
            }
        }
        Ran top = Ran.main("--help");
        assertEquals(0, top.code());
        COMMANDS.forEach(c -> assertTrue(top.out().contains("  " + c + " "), c + " missing from " + top.out()));
        assertTrue(top.out().contains("  jmh "), top.out());
    }

    @Test
    void anUnknownOptionIsAUsageErrorOfEveryCommand() {
        for (String c : COMMANDS) {
            Ran r = Ran.main(c, "--no-such-option");
            assertEquals(2, r.code(), c + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith(c + ": no-such-option is not a recognized option"), c + ": " + r.err());
            assertTrue(r.err().contains("see: java -jar benchmarks.jar " + c + " --help")
                    || r.err().contains("(see configure --help)"), c + ": " + r.err());
        }
    }

    @Test
    void wrongWordsAndValuesAreUsageErrors() {
        assertEquals(2, Ran.main("runtimes", "extra").code());
        assertEquals(2, Ran.main("doctor", "--timeout", "soon").code());
        assertEquals(2, Ran.main("doctor", "--timeout", "0").code());
        assertEquals(2, Ran.main("run", "--timeout").code());
        assertEquals(2, Ran.main("validate", "--inject", "fast").code());
        assertEquals(2, Ran.main("validate", "--rounds", "0").code());
        // a phase validate does not measure, and phases without the one the delayed verb lands in
        assertEquals(2, Ran.main("validate", "--phases", "exec,boot").code());
        assertEquals(2, Ran.main("validate", "--inject-verb", "kill", "--phases", "start,exec").code());
        assertEquals(2, Ran.main("run", "--rounds", "0").code());
        assertEquals(2, Ran.main("run", "--rounds", "two").code());
        assertEquals(2, Ran.main("compare", "only-one").code());
        assertEquals(2, Ran.main("report").code());
        Ran unknown = Ran.main("bench");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("unknown command \"bench\""), unknown.err());
    }

    @Test
    void optionsWithoutACommandBelongToRun() {
        Ran r = Ran.main("--profile", "smoke", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("usage: java -jar benchmarks.jar [run]"), r.out());
    }
}
