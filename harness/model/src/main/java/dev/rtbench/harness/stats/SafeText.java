package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.HostSample;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.results.TimelineEvent;
import dev.rtbench.harness.results.Machine;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.RuntimeEnvironment;
import dev.rtbench.harness.results.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strips control characters from text that came from a results file (runtime, workload and metric names, units,
 * failure reasons, notes, environment strings) before it reaches a terminal, a report or a chart. A results.json
 * is data anyone may hand us: an ANSI escape in a runtime name could rewrite the user's terminal, and a raw control
 * character makes an SVG invalid XML. Cleaning once, on the way into the analysis, keeps names consistent (the
 * baseline still matches its samples) and covers every output.
 */
public final class SafeText {

    /** ANSI CSI and OSC sequences, removed whole so no "[31m" debris is left. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?");
    /** C0 controls except tab and newline, DEL, and C1 controls. */
    private static final Pattern CONTROL = Pattern.compile("[\u0000-\u0008\u000B-\u001F\u007F-\u009F]");

    private SafeText() {}

    /** The text without escape sequences and control characters (tab and newline kept); null stays null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        return CONTROL.matcher(ANSI.matcher(s).replaceAll("")).replaceAll("");
    }

    /** As {@link #clean}, and a single line: newlines and tabs become spaces (names, cells, console lines). */
    public static String line(String s) {
        String c = clean(s);
        return c == null ? null : c.replace('\n', ' ').replace('\t', ' ');
    }

    /** A copy of the results with every text field cleaned. Values and numbers are untouched. */
    public static RunResults results(RunResults r) {
        List<Sample> samples = r.samples().stream().map(s -> new Sample(line(s.runtime()), line(s.workload()),
                line(s.metric()), s.value(), line(s.unit()), s.direction(), s.round(), s.block(), s.fork(),
                s.iteration(), line(s.containerId()), line(s.verifiedRuntime()), line(s.failure()), s.interrupted()))
                .toList();
        RunConfig c = r.config();
        RunConfig config = c == null ? null : new RunConfig(lines(c.runtimes()), line(c.baseline()),
                lines(c.workloads()), line(c.profile()), line(c.image()),
                c.roundOrder().stream().map(SafeText::lines).toList(),
                c.blocks().stream().map(b -> new BlockOrder(b.index(), b.round(),
                        lines(b.workloads()), lines(b.order()))).toList(),
                cleanMap(c.phaseCalls()));
        return new RunResults(r.formatVersion(), line(r.runId()), r.started(), r.finished(), line(r.status()),
                environment(r.environment()), config, samples, r.notes().stream().map(SafeText::line).toList(),
                r.hostReference().stream().map(h -> new HostSample(h.round(), line(h.workload()), line(h.metric()),
                        h.value(), line(h.unit()), h.direction(), line(h.failure()))).toList(),
                r.timelines().stream().map(t -> new Timeline(line(t.runtime()), line(t.workload()), t.round(),
                        t.block(), t.fork(), t.iteration(), line(t.containerId()), t.startMicros(), t.endMicros(),
                        t.phaseMs(), t.events().stream().map(e -> new TimelineEvent(line(e.name()), line(e.source()),
                                e.beginMicros(), e.endMicros())).toList(), line(t.missing()))).toList());
    }

    private static Environment environment(Environment e) {
        if (e == null) {
            return null;
        }
        List<RuntimeEnvironment> rts = e.runtimes().stream().map(x -> new RuntimeEnvironment(line(x.name()),
                line(x.kind()), line(x.version()), line(x.platform()), x.daemonEntry())).toList();
        return new Environment(line(e.hostname()), line(e.os()), line(e.kernel()), line(e.cpuModel()), e.cpus(),
                e.memoryBytes(), line(e.dockerVersion()), line(e.dockerApiVersion()), line(e.containerdVersion()),
                line(e.daemonMode()), rts, line(e.jvm()), line(e.harnessVersion()), line(e.gitCommit()), e.gitDirty(),
                machine(e.machine()));
    }

    private static Machine machine(Machine m) {
        if (m == null) {
            return null;
        }
        return new Machine(line(m.fingerprint()), line(m.virtualization()), m.kvm(),
                line(m.cpuFlags()), line(m.microcode()), cleanMap(m.vulnerabilities()), line(m.smt()),
                line(m.governor()), line(m.kernelCommandLine()), line(m.cgroup()), line(m.storage()),
                line(m.transparentHugepages()));
    }

    private static List<String> lines(List<String> l) {
        return l.stream().map(SafeText::line).toList();
    }

    private static Map<String, String> cleanMap(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(line(k), line(v)));
        return out;
    }
}
