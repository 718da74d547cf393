package dev.rtbench.bench.validate;

import dev.rtbench.bench.run.BenchmarkRun;
import dev.rtbench.bench.run.EngineChoice;
import dev.rtbench.bench.run.Profile;
import dev.rtbench.bench.run.RunOptions;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.results.ResultsFormatException;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code validate}: rtbench checks itself on this machine and says how far its numbers can be trusted. One run
 * in a private dockerd, in the same counterbalanced blocks as every run, of runc, a second name for runc, and
 * two calibration wrappers ({@link CalibrationRuntimes}); then {@link Validation}'s checks.
 */
public final class Validate {

    private final Duration inject;
    private final String verb;
    private final double tolerance;
    private final Duration budget;
    private final Path out;
    private final EngineChoice engine;
    private final int rounds;
    private final List<String> phases;
    private final boolean attribute;

    public Validate(Duration inject, String verb, double tolerance, Duration budget, Path out) {
        this(inject, verb, tolerance, budget, out, EngineChoice.DOCKER, 0, List.of());
    }

    public Validate(Duration inject, String verb, double tolerance, Duration budget, Path out, EngineChoice engine,
                    int rounds, List<String> phases) {
        this(inject, verb, tolerance, budget, out, engine, rounds, phases, false);
    }

    /**
     * @param engine dockerd or CRI (one engine: the checks compare runtimes through it)
     * @param rounds the rounds to measure, whatever they cost in time (the budget still caps them); 0 to sample
     *               adaptively, 12 rounds or more while the budget allows
     * @param phases the phases to measure, or empty for every phase of the engine: fewer phases, a shorter run;
     *               the verb's phase must be among them
     * @param attribute whether to trace ({@code --attribute}): the delay is then checked segment by segment, and
     *                  the A/A pair becomes runc without the tracing wrapper ({@code runc-a}) and with it, which
     *                  states the wrapper's cost
     */
    public Validate(Duration inject, String verb, double tolerance, Duration budget, Path out, EngineChoice engine,
                    int rounds, List<String> phases, boolean attribute) {
        this.attribute = attribute;
        if (engine == EngineChoice.BOTH) {
            throw new IllegalArgumentException("validate checks one engine at a time: --engine docker or cri");
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        this.engine = engine;
        this.rounds = rounds;
        this.phases = Validation.phases(engine.engines().get(0), verb, phases);
        this.inject = inject;
        this.verb = verb;
        this.tolerance = tolerance;
        this.budget = budget;
        this.out = out;
    }

    /** Exit status: 0 when every check held, 1 with what failed, 3 when a check could not decide. */
    public int run(PrintStream stdout, PrintStream err) {
        Detection runc = RuntimeCatalogue.byName("runc").detect();
        if (!runc.usable()) {
            err.println("validate: runc is needed as the reference and cannot run here: " + runc.problem());
            return 1;
        }
        double injectedMs = inject.toNanos() / 1e6;
        RunResults results;
        try (CalibrationRuntimes calib = CalibrationRuntimes.create(Path.of(runc.path()), verb, inject.toNanos() / 1000)) {
            Profile profile = rounds > 0 ? new Profile("validate", rounds, rounds, 0.05, budget, 1.0)
                    : new Profile("validate", 12, 60, 0.05, budget, 1.0);
            List<String> runtimes = List.of(CalibrationRuntimes.A, CalibrationRuntimes.B, CalibrationRuntimes.PLAIN,
                    CalibrationRuntimes.DELAYED);
            String through = engine.engines().get(0);
            RunOptions options = new RunOptions(new RunOptions.Arms(runtimes, CalibrationRuntimes.A, calib.entries()),
                    RunOptions.Measure.of(phases, profile), RunOptions.Through.managed(engine, Duration.ofSeconds(120))
                    .traced(attribute ? new RunOptions.Tracing(true, Set.of(CalibrationRuntimes.A))
                            : RunOptions.Tracing.OFF),
                    out, null);
            stdout.printf(Locale.ROOT, "validate: %.1f ms injected at OCI %s by %s (against the identical %s);"
                    + " A/A: %s against %s, two entries of one runc%n", injectedMs, verb, CalibrationRuntimes.DELAYED,
                    CalibrationRuntimes.PLAIN, CalibrationRuntimes.B, CalibrationRuntimes.A);
            BenchmarkRun run = new BenchmarkRun(options, stdout);
            try {
                results = run.execute();
            } catch (EngineException | IllegalStateException e) {
                err.println("validate: the run failed: " + e.getMessage());
                return 1;
            }
            Validation v = new Validation(results, injectedMs, verb, tolerance, 0.05, through,
                    calib.deliveredMs().orElse(Double.NaN));
            List<Validation.Check> checks = v.checks();
            List<String> cost = new ArrayList<>(v.tracingCost());
            if (v.traced()) {
                // the CNI plugins' wrapper is on every handler's pods alike, so no pair of arms shows its cost
                WrapperCallCost.measure(WrapperCallCost.CALLS, 0.95).forEach(c -> cost.add(c.describe()));
            }
            String text = render(results, checks, v.traced() ? List.of() : v.sensitivity(), cost);
            stdout.println();
            stdout.print(text);
            write(run.dir().resolve("validation.md"), text);
            stdout.println("wrote " + run.dir().resolve("validation.md"));
            return exitStatus(checks);
        }
    }

    /**
     * {@code validate --false-failures RUN}: see {@link FalseFailures}. Exit 0 with the rates, 2 when the run
     * cannot be read or is not a validate run.
     */
    public static int falseFailures(Path run, Duration inject, String verb, double tolerance, PrintStream out,
                                    PrintStream err) {
        try {
            RunResults r = ResultsJson.read(run);
            double ms = inject.toNanos() / 1e6;
            out.println("validate: " + FalseFailures.of(r, ms, verb, tolerance, 0.05, 20_261_202L)
                    .describe(r.runId(), ms, verb));
            return 0;
        } catch (ResultsFormatException | IllegalArgumentException e) {
            err.println("validate: " + e.getMessage());
            return 2;
        }
    }

    /** 1 when a check failed, else 3 when one could not decide, else 0. */
    static int exitStatus(List<Validation.Check> checks) {
        if (checks.stream().anyMatch(c -> c.result() == KnownDelay.Result.FAIL)) {
            return 1;
        }
        return checks.stream().allMatch(Validation.Check::passed) ? 0 : 3;
    }

    static String render(RunResults r, List<Validation.Check> checks, List<String> sensitivity) {
        return render(r, checks, sensitivity, List.of());
    }

    /** @param cost the tracing wrapper's cost per phase, in a traced run; empty otherwise */
    static String render(RunResults r, List<Validation.Check> checks, List<String> sensitivity, List<String> cost) {
        StringBuilder b = new StringBuilder("# rtbench validate, run " + r.runId() + "\n\n");
        long failed = checks.stream().filter(c -> c.result() == KnownDelay.Result.FAIL).count();
        long open = checks.stream().filter(c -> c.result() == KnownDelay.Result.INCONCLUSIVE).count();
        b.append(failed > 0 ? failed + " of " + checks.size() + " checks FAILED.\n\n"
                : open > 0 ? "INCONCLUSIVE: " + open + " of " + checks.size() + " checks could not decide with these"
                        + " blocks; a longer --budget or more --rounds lets them.\n\n"
                : "Every check held.\n\n");
        for (Validation.Check c : checks) {
            b.append("- ").append(c.result()).append(' ').append(c.name()).append(": ").append(c.detail())
                    .append('\n');
        }
        if (!cost.isEmpty()) {
            b.append("\n## What the tracing wrapper costs (runc with it against runc without it, in the same"
                    + " blocks; and one call of each wrapper against the bare binary)\n\n");
            cost.forEach(s -> b.append("- ").append(s).append('\n'));
        }
        if (!sensitivity.isEmpty()) {
            b.append("\n## What this machine can resolve (from the A/A spread)\n\n");
            sensitivity.forEach(s -> b.append("- ").append(s).append('\n'));
        }
        b.append("\n## Harness and design\n\n");
        r.notes().stream().filter(n -> n.startsWith("harness floor") || n.startsWith("the exec path")
                || n.startsWith("sampling stopped")).forEach(n -> b.append("- ").append(n).append('\n'));
        b.append("- blocks: ").append(r.config().blocks().size()).append(", orders such as ")
                .append(r.config().blocks().isEmpty() ? "-" : String.join(" ", r.config().blocks().get(0).order()))
                .append('\n');
        return b.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
