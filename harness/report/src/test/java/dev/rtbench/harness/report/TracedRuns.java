package dev.rtbench.harness.report;

import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.results.TimelineEvent;
import dev.rtbench.harness.stats.SyntheticRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * SYNTHETIC runs with timelines, as {@code --attribute} would record them: {@link SyntheticRuns#run} with every
 * start and stop sample traced. Each segment has a known length per runtime (plus a little seeded noise), and each
 * traced sample's value is its timeline's span plus 0.05 ms of rtbench's own framing, so the segments sum to it.
 *
 * <p>Against runc, runsc's start spends +60 ms in OCI create, +20 ms in OCI start and +8 ms before the runtime is
 * called; kata's +200 ms in OCI create. Two of kata's starts lost containerd's events (incomplete tracing). No number
 * here is a measurement.
 */
public final class TracedRuns {

    /** The known extra time of runsc's start, in ms: its segments against runc's. */
    public static final Map<String, Double> RUNSC_START_EXTRA = Map.of("OCI create", 60.0, "OCI start", 20.0,
            "request → create", 8.0);

    /** Why two of kata's starts are incomplete. */
    public static final String LOST = "containerd events: the subscription dropped 2 events";

    private static final double FRAMING_MS = 0.05;

    private TracedRuns() {}

    /** {@link SyntheticRuns#run} with its start and stop phases traced. */
    public static RunResults run(long seed, int rounds) {
        RunResults base = SyntheticRuns.run(seed, rounds);
        Random noise = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        List<Timeline> timelines = new ArrayList<>();
        int kataLost = 0;
        for (Sample s : base.samples()) {
            if (!s.workload().equals("start") && !s.workload().equals("stop")) {
                samples.add(s);
                continue;
            }
            long t0 = 1_709_287_200_000_000L + 10_000_000L * samples.size();
            boolean lose = s.ok() && s.runtime().equals("kata") && s.workload().equals("start") && kataLost < 2;
            kataLost += lose ? 1 : 0;
            Timeline t = s.workload().equals("start") ? start(s, t0, noise, lose) : stop(s, t0, noise);
            timelines.add(t);
            samples.add(!s.ok() ? s : new Sample(s.runtime(), s.workload(), s.metric(), t.phaseMs(), s.unit(),
                    s.direction(), s.round(), s.block(), s.fork(), s.iteration(), s.containerId(),
                    s.verifiedRuntime(), s.failure(), s.interrupted()));
        }
        return new RunResults(base.formatVersion(), "traced-" + seed, base.started(), base.finished(), base.status(),
                base.environment(), base.config(), samples, base.notes(), List.of(), timelines);
    }

    /** dockerd's start: containerd calls the runtime's create and start, and publishes task create and start. */
    private static Timeline start(Sample s, long t0, Random noise, boolean lose) {
        String rt = s.runtime();
        Clock c = new Clock(t0, noise);
        c.gap(pick(rt, 3, 11, 5));
        TimelineEvent create = c.verb("create", pick(rt, 10, 70, 210));
        c.gap(1);
        TimelineEvent taskCreate = c.event("/tasks/create");
        c.gap(4);
        TimelineEvent start = c.verb("start", pick(rt, 2, 22, 30));
        c.gap(0.5);
        TimelineEvent taskStart = c.event("/tasks/start");
        c.gap(1.5);
        List<TimelineEvent> events = new ArrayList<>(lose ? List.of(create, start)
                : List.of(create, taskCreate, start, taskStart));
        if (rt.equals("runsc")) {
            // runsc's own log: its sandbox is ready 50 ms into its create
            long ready = create.beginMicros() + 50_000;
            events.add(new TimelineEvent("sandbox ready", TimelineEvent.GVISOR, ready, ready));
        }
        return timeline(s, t0, c.now, events, lose ? LOST : null);
    }

    /** dockerd's stop: kill, the task's exit, delete. */
    private static Timeline stop(Sample s, long t0, Random noise) {
        String rt = s.runtime();
        Clock c = new Clock(t0, noise);
        c.gap(1);
        TimelineEvent kill = c.verb("kill", pick(rt, 2, 6, 4));
        c.gap(pick(rt, 5, 25, 40));
        TimelineEvent exit = c.event("/tasks/exit");
        c.gap(1);
        TimelineEvent delete = c.verb("delete", pick(rt, 3, 15, 20));
        c.gap(1);
        return timeline(s, t0, c.now, List.of(kill, exit, delete), null);
    }

    private static Timeline timeline(Sample s, long t0, long end, List<TimelineEvent> events, String missing) {
        double phaseMs = s.ok() ? (end - t0) / 1000.0 + FRAMING_MS : Double.NaN;
        return new Timeline(s.runtime(), s.workload(), s.round(), s.block(), s.fork(), s.iteration(),
                s.containerId(), t0, end, phaseMs, events, missing);
    }

    private static double pick(String runtime, double runc, double runsc, double kata) {
        return switch (runtime) {
            case "runc" -> runc;
            case "runsc" -> runsc;
            default -> kata;
        };
    }

    /** Lays events end to end from the phase's call, each length with a little noise. */
    private static final class Clock {
        private final Random noise;
        private long now;

        Clock(long t0, Random noise) {
            this.now = t0;
            this.noise = noise;
        }

        void gap(double ms) {
            now += micros(ms);
        }

        TimelineEvent verb(String name, double ms) {
            long begin = now;
            now += micros(ms);
            return new TimelineEvent(name, TimelineEvent.OCI, begin, now);
        }

        TimelineEvent event(String topic) {
            return new TimelineEvent(topic, TimelineEvent.CONTAINERD, now, now);
        }

        private long micros(double ms) {
            return Math.max(50, Math.round((ms + 0.02 * ms * noise.nextGaussian()) * 1000));
        }
    }
}
