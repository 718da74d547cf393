package dev.rtbench.bench.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code run} was asked to do.
 *
 * @param runtimes      runtimes asked for, or empty for every catalogue runtime that can run here
 * @param baseline      the runtime to compare against, or null for the first (runc by default)
 * @param workloads     workloads asked for, or empty for all
 * @param userEntries   daemon.json entries the user gave ({@code --daemon-json}, {@code --runtime NAME=PATH})
 * @param out           the run's folder, or null for {@code results/<run-id>}
 * @param dockerHost    a running daemon to use instead of a managed one, or null
 * @param image         an image of the user's to run the workloads in, or null for the built-in one
 * @param callTimeout   the bound on every Docker call
 * @param userWorkloads the user's own workloads ({@code --workload-file}), run beside the chosen built-in ones
 */
public record RunOptions(
        List<String> runtimes,
        String baseline,
        List<String> workloads,
        Profile profile,
        Map<String, Map<String, Object>> userEntries,
        Path out,
        String dockerHost,
        String image,
        java.time.Duration callTimeout,
        List<dev.rtbench.workloads.Workload> userWorkloads) {

    public RunOptions {
        runtimes = List.copyOf(runtimes);
        workloads = List.copyOf(workloads);
        userEntries = Map.copyOf(userEntries);
        userWorkloads = List.copyOf(userWorkloads);
    }
}
