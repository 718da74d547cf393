package dev.rtbench.harness.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines a benchmark container. Runtimes differ in {@code runtime} only: every other field is
 * the same for each runtime of a run, so that they run identical workloads.
 *
 * @param image        image reference
 * @param command      the command (no entrypoint is used)
 * @param runtime      the daemon.json runtime name
 * @param labels       labels; the run id label lets a sweep find leftovers
 * @param memoryBytes  memory limit (swap disabled), or 0 for none
 * @param nanoCpus     CPU limit in 1e-9 CPUs, or 0 for none
 * @param pidsLimit    process limit, or 0 for none
 */
public record ContainerSpec(
        String image,
        List<String> command,
        String runtime,
        Map<String, String> labels,
        long memoryBytes,
        long nanoCpus,
        long pidsLimit) {

    public ContainerSpec {
        Objects.requireNonNull(image, "image was not specified");
        Objects.requireNonNull(runtime, "runtime was not specified");
        command = List.copyOf(command);
        labels = Map.copyOf(labels);
    }

    public ContainerSpec withRuntime(String other) {
        return new ContainerSpec(image, command, other, labels, memoryBytes, nanoCpus, pidsLimit);
    }

    public ContainerSpec withCommand(List<String> other) {
        return new ContainerSpec(image, other, runtime, labels, memoryBytes, nanoCpus, pidsLimit);
    }
}
