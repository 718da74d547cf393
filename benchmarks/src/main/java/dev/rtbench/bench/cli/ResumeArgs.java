package dev.rtbench.bench.cli;

import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.RuntimeEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code run} arguments that continue a stopped run with its own design ({@code run --resume DIR}): those of
 * {@link RerunPlan}, with each runtime of the user's registered from the very binary the run recorded, and
 * {@code --attribute} when the run traced its phases. Anything of the design that cannot be had here refuses the
 * resume, since a continuation must measure what the earlier part measured.
 */
final class ResumeArgs {
    private ResumeArgs() {}

    static List<String> of(RunResults previous) {
        List<String> dirs = Executables.hostDirs();
        return of(previous, name -> Executables.find(name, dirs).map(Path::toString),
                path -> Files.isExecutable(Path.of(path)));
    }

    /**
     * @param binaryHere finds a runtime binary by name on this machine
     * @param executable whether a path recorded by the run is an executable here
     */
    static List<String> of(RunResults previous, Function<String, Optional<String>> binaryHere,
            Predicate<String> executable) {
        RerunPlan plan = RerunPlan.of(previous, binaryHere);
        if (!plan.unmatched().isEmpty()) {
            throw new UsageException("run " + previous.runId() + " cannot be resumed on this machine: "
                    + String.join("; ", plan.unmatched()));
        }
        List<String> args = new ArrayList<>(plan.runArgs().subList(1, plan.runArgs().size()));
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--runtime")) {
                String name = args.get(i + 1).substring(0, args.get(i + 1).indexOf('='));
                String recorded = recordedPath(previous, name);
                if (recorded != null && executable.test(recorded)) {
                    args.set(i + 1, name + "=" + recorded);
                }
            }
        }
        if (!previous.timelines().isEmpty()) {
            args.add("--attribute");
        }
        return args;
    }

    private static String recordedPath(RunResults r, String name) {
        if (r.environment() == null) {
            return null;
        }
        return r.environment().runtimes().stream().filter(e -> e.name().equals(name)).findFirst()
                .map(RuntimeEnvironment::daemonEntry).map(d -> d.get("path")).map(String::valueOf).orElse(null);
    }
}
