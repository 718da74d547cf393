package dev.rtbench.harness.results;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run measured: the content of {@code results.json}. See {@code results/README.md} for the schema.
 *
 * @param formatVersion the schema version; readers refuse versions they do not know
 * @param runId         the run's id, also the name of its folder under {@code results/}
 * @param started       when the run started
 * @param finished      when the run ended, or null while it is going on
 * @param status        {@code running}, {@code complete}, {@code interrupted} or {@code failed}
 * @param environment   the machine and software
 * @param config        how the run was asked to measure
 * @param samples       every raw sample, failed ones included
 * @param notes         what a reader should know (runtimes dropped and why, warnings)
 * @param hostReference the host's own figures, outside any container, once a round; empty in older runs
 * @param timelines     what happened inside each timed phase, with {@code --attribute}; empty otherwise
 */
public record RunResults(
        int formatVersion,
        String runId,
        Instant started,
        Instant finished,
        String status,
        Environment environment,
        RunConfig config,
        List<Sample> samples,
        List<String> notes,
        List<HostSample> hostReference,
        List<Timeline> timelines) {

    public static final int FORMAT_VERSION = 2;

    /** Version 1 had no blocks: each round was one block per runtime. Readers still accept it. */
    public static final int OLDEST_READABLE_VERSION = 1;

    public RunResults {
        samples = List.copyOf(samples);
        notes = notes == null ? List.of() : List.copyOf(notes);
        hostReference = hostReference == null ? List.of() : List.copyOf(hostReference);
        timelines = timelines == null ? List.of() : List.copyOf(timelines);
    }

    /** A run without timelines: every run measured without {@code --attribute}. */
    public RunResults(int formatVersion, String runId, Instant started, Instant finished, String status,
            Environment environment, RunConfig config, List<Sample> samples, List<String> notes,
            List<HostSample> hostReference) {
        this(formatVersion, runId, started, finished, status, environment, config, samples, notes, hostReference,
                List.of());
    }

    /** A run without a host reference, as every run before it had one. */
    public RunResults(int formatVersion, String runId, Instant started, Instant finished, String status,
            Environment environment, RunConfig config, List<Sample> samples, List<String> notes) {
        this(formatVersion, runId, started, finished, status, environment, config, samples, notes, List.of(), List.of());
    }
}
