package dev.rtbench.bench.run;

import dev.rtbench.harness.engine.Privileges;
import dev.rtbench.harness.engine.RunRules;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.bench.jmh.BenchContext;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.docker.InstalledDockerd;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.GvisorFileSystem;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which runtimes a run measures: those asked for (or every catalogue runtime that can run here), with the
 * user's own entries; then, once a daemon runs them, which of them prove in a first container that they are
 * what they claim. A runtime that cannot run is dropped with the reason, never faked.
 */
final class RuntimeResolver {
    private final RunOptions options;
    private final PrintStream out;
    private final Consumer<String> notes;

    RuntimeResolver(RunOptions options, PrintStream out, Consumer<String> notes) {
        this.options = options;
        this.out = out;
        this.notes = notes;
    }

    List<RuntimeUnderTest> resolve() {
        List<String> names = new ArrayList<>(options.runtimes());
        if (names.isEmpty()) {
            for (Map.Entry<RuntimeProfile, Detection> e : RuntimeCatalogue.detectAll().entrySet()) {
                if (e.getKey().byDefault() && e.getValue().usable()) {
                    names.add(e.getKey().name());
                } else if (e.getKey().byDefault()) {
                    notes.accept(e.getKey().name() + " is not measured: " + e.getValue().problem());
                    out.println("skipping " + e.getKey().name() + ": " + e.getValue().problem());
                }
            }
            names.addAll(options.userEntries().keySet().stream().filter(n -> !names.contains(n)).toList());
        }
        if (options.baseline() != null && !names.contains(options.baseline())) {
            names.add(0, options.baseline());
        }
        List<RuntimeUnderTest> found = new ArrayList<>();
        int docker = InstalledDockerd.localMajor();
        for (String name : names) {
            RuntimeEntry user = options.userEntries().get(name);
            if (user != null) {
                RuntimeProfile p = RuntimeCatalogue.forEntry(name, user);
                found.add(new RuntimeUnderTest(p, user, versionOf(p), platformOf(p, versionOf(p))));
                continue;
            }
            RuntimeProfile p = RuntimeCatalogue.byName(name);
            if (options.dockerHost() != null) {
                // the system daemon has its own entry; what it is gets checked against GET /info later
                found.add(new RuntimeUnderTest(p, null, versionOf(p), platformOf(p, versionOf(p))));
                continue;
            }
            Detection d = RuntimeCatalogue.detectWithPlatformCheck(p);
            if (!d.usable()) {
                drop(name, d.installed() ? d.problem() : "not installed: " + d.problem());
                continue;
            }
            found.add(new RuntimeUnderTest(p, p.daemonEntry(d.path(), docker).orElse(null), d.version(),
                    platformOf(p, d.version())));
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no runtime of this run can run here; see `java -jar benchmarks.jar doctor`");
        }
        return found;
    }

    /** Runs one proof container under each runtime; one that fails its first container is dropped. */
    List<RuntimeUnderTest> probe(List<RuntimeUnderTest> runtimes, RuntimeVerifier verifier, String image,
            String runId, String baseline, Privileges privileges, Runnable sweep) {
        return probe(runtimes, verifier, image, runId, baseline, privileges, sweep, Arm.DOCKER);
    }

    /** The same through {@code engine}: each runtime's first container there, named as its arm in messages. */
    List<RuntimeUnderTest> probe(List<RuntimeUnderTest> runtimes, RuntimeVerifier verifier, String image,
            String runId, String baseline, Privileges privileges, Runnable sweep, String engine) {
        List<RuntimeUnderTest> ok = new ArrayList<>();
        for (RuntimeUnderTest r : runtimes) {
            String arm = new Arm(r.name(), engine).name();
            // the proof container is a lifecycle container like every other of the run
            ContainerSpec spec = new ContainerSpec(image, List.of("true"), r.name(),
                    Map.of(RunRules.RUN_LABEL, runId, RunRules.WORKLOAD_LABEL, "probe"),
                    RunRules.MEMORY_BYTES, RunRules.NANO_CPUS, RunRules.PIDS_LIMIT, privileges.lifecycle());
            try {
                Verification v = verifier.probe(r.profile(), spec);
                if (v.ok()) {
                    out.println("  " + arm + ": " + v.describe());
                    notes.accept(arm + " was verified as " + family(r, engine) + ": " + v.describe());
                    if (r.profile().kind() == RuntimeKind.GVISOR && !r.profile().binaries().isEmpty()) {
                        // what decides what its file workloads measure (overlay in memory, or a gofer in front
                        // of the host's files, and what fsync reaches)
                        String binary = r.entry() != null && r.entry().hasPath() ? r.entry().path()
                                : r.profile().binaries().get(0);
                        notes.accept(arm + ": " + GvisorFileSystem.describe(binary,
                                r.profile().runtimeArgs()));
                    }
                    ok.add(r);
                } else {
                    drop(arm, "its first container failed verification: " + v.describe());
                }
            } catch (EngineException e) {
                sweep.run();
                drop(arm, "its first container failed: " + hint(e.getMessage()));
            }
        }
        if (ok.stream().noneMatch(r -> r.name().equals(baseline))) {
            throw new IllegalStateException("the baseline runtime \"" + baseline + "\" cannot run here"
                    + (engine.equals(Arm.DOCKER) ? "" : " through " + engine)
                    + ", so nothing can be compared; see `java -jar benchmarks.jar doctor`");
        }
        return ok;
    }

    /** How a runtime's family was told, for the note that says which proof it got through {@code engine}. */
    private static String family(RuntimeUnderTest r, String engine) {
        String record = engine.equals(Arm.DOCKER) ? "the daemon's record"
                : "the CRI server's record of the pod's handler";
        RuntimeKind k = r.profile().kind();
        if (k == RuntimeKind.UNKNOWN) {
            return "a runtime of unknown family (its binary names none rtbench knows), by " + record + " alone";
        }
        String how = r.entry() == null ? "the catalogue" : "its binary " + (r.entry().hasPath() ? r.entry().path()
                : r.entry().runtimeType());
        return k.name().toLowerCase(Locale.ROOT) + " (family from " + how + "), by " + record
                + " and the in-container proof";
    }

    private void drop(String runtime, String why) {
        notes.accept(runtime + " was dropped from the run: " + why);
        out.println("dropping " + runtime + ": " + why);
    }

    static String hint(String message) {
        if (message != null && message.contains("network enabled in root network namespace")) {
            return message + " (give runsc \"runtimeArgs\": [\"--network=none\"] or [\"--network=host\"])";
        }
        return message;
    }

    private static String versionOf(RuntimeProfile p) {
        Detection d = p.binaries().isEmpty() ? null : p.detect();
        return d == null ? null : d.version();
    }

    private static String platformOf(RuntimeProfile p, String version) {
        return p.kind() == RuntimeKind.GVISOR ? RuntimeCatalogue.gvisorPlatform(p, version) : p.platform();
    }
}
