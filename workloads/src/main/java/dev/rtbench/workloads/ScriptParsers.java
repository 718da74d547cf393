package dev.rtbench.workloads;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of the busybox workloads' scripts ({@link BusyboxWorkloads}), each tested on output
 * captured under runc and gVisor ({@code src/test/resources/captured/<runtime>/<workload>.out|.err}).
 * Each checks the tools' own output, then derives its figures from the script's time stamps.
 */
final class ScriptParsers {

    private static final Pattern DD_IN =
            Pattern.compile("^(\\d+)\\+\\d+ records in$", Pattern.MULTILINE);
    private static final Pattern DD_OUT =
            Pattern.compile("^(\\d+)\\+\\d+ records out$", Pattern.MULTILINE);

    private ScriptParsers() {
    }

    private static Measurement inside(double seconds) {
        return new Measurement("inside-time", seconds, "s", false);
    }

    static List<Measurement> syscall(ScriptOutput out) {
        out.positive("ms");
        // the script may have asked more than once (a request before dd was ready is lost): the last report counts
        OptionalLong in = lastCount(DD_IN.matcher(out.stderr()));
        OptionalLong written = lastCount(DD_OUT.matcher(out.stderr()));
        if (in.isEmpty() || written.isEmpty()) {
            throw out.reject("no record counts from dd: it did not answer SIGUSR1");
        }
        long calls = in.getAsLong() + written.getAsLong();
        if (calls < 1) {
            throw out.reject("dd copied nothing");
        }
        double s = out.seconds();
        return List.of(new Measurement("syscall-time", s * 1e9 / calls, "ns", false), inside(s));
    }

    private static OptionalLong lastCount(Matcher m) {
        OptionalLong last = OptionalLong.empty();
        while (m.find()) {
            last = OptionalLong.of(Long.parseLong(m.group(1)));
        }
        return last;
    }

    static List<Measurement> process(ScriptOutput out) {
        out.positive("ms");
        long count = out.positive("count");
        double s = out.seconds();
        return List.of(new Measurement("spawn-time", s * 1e6 / count, "us", false), inside(s));
    }

    static List<Measurement> fileRead(ScriptOutput out) {
        long mib = out.positive("mib");
        long passes = out.positive("passes");
        long[][] each = new long[Math.toIntExact(passes)][];
        for (int i = 0; i < each.length; i++) {
            each[i] = new long[] {mib, mib};
        }
        out.expectDd(each);
        double s = out.seconds();
        return List.of(new Measurement("read-throughput", mib * passes / s, "MiB/s", true), inside(s));
    }

    static List<Measurement> filesSmall(ScriptOutput out) {
        long count = out.positive("count");
        out.expect("listed", count);
        double s = out.seconds();
        return List.of(new Measurement("file-time", s * 1e6 / count, "us", false), inside(s));
    }
}
