package dev.rtbench.bench.cli;

import dev.rtbench.bench.run.HostWorkloads;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.RuntimeEnvironment;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Workloads;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a published run is repeated on this machine: the {@code run} arguments that give it the same design, and
 * what could not be matched, each said.
 *
 * <p>The design is what a run's figures depend on besides the machine: the workloads and their sizes (density's
 * container count, each burst's size), the runtimes by family (a runtime registered under its own name, e.g. an A/A
 * arm's second name for runc, is registered again from this machine's binary of its family, with its arguments),
 * the engines, the baseline, the profile (its scale, rounds and stopping rule) and the seed that draws the block
 * orders. The workload image is built from this build's sources: its content hash, in its tag, is checked after
 * the run ({@link #imageMatch}). How many rounds the run takes is left to the stopping rule, as it was there.
 *
 * @param runArgs   the {@code run} command line, without {@code --out}
 * @param said      what was matched and how, a line each
 * @param unmatched what could not be matched, a line each
 */
public record RerunPlan(List<String> runArgs, List<String> said, List<String> unmatched) {

    private static final Pattern SEED = Pattern.compile("block orders drawn with seed (-?\\d+)");
    private static final Pattern DENSITY_AT = Pattern.compile("start@(\\d+)");
    /** The tag of the built-in workload image: its content hash. */
    static final String BUILT_IN_IMAGE = "rtbench/workload:";

    public RerunPlan {
        runArgs = List.copyOf(runArgs);
        said = List.copyOf(said);
        unmatched = List.copyOf(unmatched);
    }

    /**
     * The plan for {@code published}.
     *
     * @param binaryHere finds a runtime binary by name on this machine (a path), or empty
     */
    public static RerunPlan of(RunResults published, Function<String, Optional<String>> binaryHere) {
        List<String> args = new ArrayList<>(List.of("run"));
        List<String> said = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        var config = published.config();

        Set<String> engines = new LinkedHashSet<>();
        Set<String> runtimes = new LinkedHashSet<>();
        config.runtimes().forEach(arm -> {
            engines.add(Arm.parse(arm).engine());
            runtimes.add(Arm.runtimeOf(arm));
        });
        String engine = engines.size() > 1 ? "both" : engines.iterator().next();
        if (!engine.equals(Arm.DOCKER)) {
            args.addAll(List.of("--engine", engine));
        }
        said.add("engine: " + engine + (engine.equals("both") ? " (dockerd and CRI in the same blocks)" : ""));

        List<String> kept = new ArrayList<>();
        for (String name : runtimes) {
            RuntimeEnvironment env = published.environment() == null ? null : published.environment().runtimes()
                    .stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
            String kind = env == null ? null : env.kind();
            // a catalogue runtime by its name; a name of the user's by the first catalogue entry of its family
            Optional<RuntimeProfile> catalogued = RuntimeCatalogue.find(name)
                    .filter(p -> kind == null || p.kind().label().equals(kind));
            Optional<RuntimeProfile> profile = catalogued.or(() -> RuntimeCatalogue.all().stream()
                    .filter(p -> p.kind().label().equals(kind)).findFirst());
            Optional<String> here = profile.flatMap(p -> p.binaries().stream().map(binaryHere)
                    .flatMap(Optional::stream).findFirst());
            if (here.isEmpty()) {
                unmatched.add(name + ": " + (catalogued.isPresent() ? "not on this machine (none of "
                        + catalogued.get().binaries() + " found)" : kind == null
                        || kind.equals(RuntimeKind.UNKNOWN.label())
                        ? "its family is not known, so no binary here can stand for it"
                        : "no " + kind + " binary on this machine") + ": left out");
                continue;
            }
            kept.add(name);
            if (catalogued.isPresent()) {
                said.add(name + ": " + name + " of this machine (" + here.get() + ")" + version(env));
                continue;
            }
            // registered again from this machine's binary of its family, with the same runtime arguments
            args.addAll(List.of("--runtime", name + "=" + here.get()));
            List<String> runtimeArgs = runtimeArgs(env);
            runtimeArgs.forEach(a -> args.addAll(List.of("--runtime-arg", name + "=" + a)));
            said.add(name + ": this machine's " + kind + " binary " + here.get()
                    + (runtimeArgs.isEmpty() ? "" : " with " + String.join(" ", runtimeArgs)) + version(env));
        }
        String baseline = Arm.runtimeOf(config.baseline());
        if (!kept.contains(baseline)) {
            unmatched.add("the baseline " + baseline + " cannot run here: nothing can be compared");
        }
        args.addAll(List.of("--runtimes", String.join(",", kept), "--baseline", baseline));

        List<String> workloads = new ArrayList<>();
        for (String w : config.workloads()) {
            if (builtIn(w)) {
                workloads.add(w);
            } else {
                unmatched.add(w + ": the published run's own workload (--workload-file), which its results do not"
                        + " hold: left out");
            }
        }
        if (workloads.isEmpty()) {
            unmatched.add("no workload of the published run is built in: nothing to run");
        }
        args.addAll(List.of("--workloads", String.join(",", workloads)));
        int density = densityOf(published);
        if (workloads.contains("density") && density > 0) {
            args.addAll(List.of("--density", String.valueOf(density)));
            said.add("workloads: the same " + workloads.size() + ", density of " + density + " containers, bursts"
                    + " by their names");
        } else {
            said.add("workloads: the same " + workloads.size() + ", bursts by their names");
        }
        args.addAll(List.of("--profile", config.profile()));
        said.add("profile: " + config.profile() + " (its scale and stopping rule; rounds as the rule decides here,"
                + " " + rounds(published) + " there)");
        Optional<Long> seed = seedOf(published);
        if (seed.isPresent()) {
            args.addAll(List.of("--seed", String.valueOf(seed.get())));
            said.add("block orders: seed " + seed.get() + ", as there");
        } else {
            unmatched.add("block orders: the run named no seed (older than the seed's note); drawn afresh");
        }
        if (config.image() != null && !config.image().startsWith(BUILT_IN_IMAGE)) {
            args.addAll(List.of("--image", config.image()));
            said.add("image: " + config.image() + ", which must be on this machine's engine");
        } else {
            said.add("image: built from this build's sources; its content hash is checked against "
                    + config.image() + " after the run");
        }
        return new RerunPlan(args, said, unmatched);
    }

    /** Whether rtbench itself knows the workload: built in, density, or a burst. */
    static boolean builtIn(String workload) {
        if (HostWorkloads.isDensity(workload) || HostWorkloads.isBurst(workload)) {
            return true;
        }
        try {
            Workloads.select(workload);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the rerun's image is the published one's, or what differs. */
    public static Optional<String> imageMatch(RunResults published, RunResults rerun) {
        String a = published.config().image();
        String b = rerun.config().image();
        if (a == null || a.equals(b)) {
            return Optional.empty();
        }
        return Optional.of("image: " + b + " here, " + a + " there: the workloads' image content differs (another"
                + " build's scripts or tools), so the workloads are not byte for byte the same");
    }

    /** The density workload's container count: its largest {@code start@k} metric. */
    static int densityOf(RunResults r) {
        int k = 0;
        for (var s : r.samples()) {
            if (s.workload().equals("density")) {
                Matcher m = DENSITY_AT.matcher(s.metric());
                if (m.matches()) {
                    k = Math.max(k, Integer.parseInt(m.group(1)));
                }
            }
        }
        return k;
    }

    static Optional<Long> seedOf(RunResults r) {
        for (String note : r.notes()) {
            Matcher m = SEED.matcher(note);
            if (m.find()) {
                return Optional.of(Long.parseLong(m.group(1)));
            }
        }
        return Optional.empty();
    }

    private static long rounds(RunResults r) {
        return r.samples().stream().mapToInt(s -> s.round()).distinct().count();
    }

    private static List<String> runtimeArgs(RuntimeEnvironment env) {
        Object a = env == null ? null : env.daemonEntry().get("runtimeArgs");
        return a instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static String version(RuntimeEnvironment env) {
        return env == null || env.version() == null ? "" : "; there: " + env.version();
    }
}
