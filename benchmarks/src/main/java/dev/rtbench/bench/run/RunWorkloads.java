package dev.rtbench.bench.run;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.Workloads;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The workloads a run measures: those asked for (built-in names, groups such as {@code execution}, density and
 * bursts, or the user's own from {@code --workload-file}); by default one primary workload per class
 * ({@link WorkloadClasses#DEFAULT}) and the user's; with {@code --workloads all} or the {@code full} profile every
 * built-in one, the user's, and density and bursts at the sizes the profile's budget affords
 * ({@link HostWorkloads#forDefaultRun}); less those whose tool this host lacks, each skipped with the reason that
 * names its package.
 */
final class RunWorkloads {
    private RunWorkloads() {}

    static List<Workload> choose(RunOptions options, Consumer<String> notes, PrintStream out) {
        Map<String, Workload> user = new LinkedHashMap<>();
        options.userWorkloads().forEach(w -> user.put(w.name(), w));
        List<Workload> chosen = new ArrayList<>();
        if (options.workloads().isEmpty() && !options.profile().name().equals(Profile.FULL.name())) {
            // one primary workload per class (WorkloadClasses says why), density at the profile's default-run size
            // and a burst of 4 (or the bursts asked for)
            for (String name : WorkloadClasses.DEFAULT) {
                if (name.equals(HostWorkloads.DENSITY)) {
                    chosen.add(HostWorkloads.density(HostWorkloads.densityOf(options)));
                } else if (HostWorkloads.isBurst(name)) {
                    if (options.bursts().isEmpty()) {
                        chosen.add(HostWorkloads.burst(HostWorkloads.burstSize(name)));
                    } else {
                        options.bursts().forEach(k -> chosen.add(HostWorkloads.burst(k)));
                    }
                } else {
                    chosen.addAll(Workloads.select(name));
                }
            }
            chosen.addAll(user.values());
            notes.accept("the default set: one primary workload per class (" + String.join(", ",
                    chosen.stream().map(Workload::name).toList()) + "); --workloads all or --profile full measures"
                    + " every workload");
        } else if (HostWorkloads.everyWorkload(options)) {
            // density and bursts at the sizes the profile's budget affords in every round (5 containers and
            // bursts of 1 and 4 at quick); by name they are measured at the profile's full size
            chosen.addAll(Workloads.all());
            if (options.engine().has(Arm.CRI)) {
                chosen.addAll(Workloads.pod());
            }
            chosen.addAll(HostWorkloads.forDefaultRun(options));
            chosen.addAll(user.values());
        } else {
            for (String name : options.workloads()) {
                Workload w = user.get(name);
                if (w != null) {
                    chosen.add(w);
                } else if (HostWorkloads.isDensity(name) || name.equals(HostWorkloads.BURST)
                        || HostWorkloads.isBurst(name)) {
                    chosen.addAll(HostWorkloads.resolve(List.of(name), options.profile(), HostWorkloads.densityOf(options),
                            options.bursts()));
                } else {
                    chosen.addAll(Workloads.select(name));
                }
            }
        }
        HostWorkloads.notes(chosen).forEach(notes);
        Map<String, String> unavailable = Workloads.unavailable();
        List<Workload> runnable = new ArrayList<>();
        for (Workload w : chosen) {
            String why = unavailable.get(w.name());
            List<String> engineReasons = new ArrayList<>();
            List<String> through = new ArrayList<>();
            for (String engine : options.engine().engines()) {
                EngineChoice.whyNot(engine, w).ifPresentOrElse(engineReasons::add, () -> through.add(engine));
            }
            if (why == null && through.isEmpty()) {
                why = String.join("; ", engineReasons);
            } else if (why == null && !engineReasons.isEmpty()) {
                notes.accept(w.name() + " was measured through " + String.join(" and ", through) + " only: "
                        + String.join("; ", engineReasons));
            }
            if (why == null) {
                if (runnable.stream().noneMatch(x -> x.name().equals(w.name()))) {
                    runnable.add(w);
                }
            } else {
                notes.accept(w.name() + " was skipped: " + why);
                out.println("skipping " + w.name() + ": " + why);
            }
        }
        if (runnable.isEmpty()) {
            throw new IllegalArgumentException("none of the workloads asked for can run on this host;"
                    + " see the reasons above (`java -jar benchmarks.jar doctor` lists them)");
        }
        return runnable;
    }
}
