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
 * @param hardening    the privileges the container runs with
 * @param volumes      paths where the container gets a fresh anonymous volume, removed with it
 */
public record ContainerSpec(
        String image,
        List<String> command,
        String runtime,
        Map<String, String> labels,
        long memoryBytes,
        long nanoCpus,
        long pidsLimit,
        Hardening hardening,
        List<String> volumes) {

    public ContainerSpec {
        Objects.requireNonNull(image, "image was not specified");
        Objects.requireNonNull(runtime, "runtime was not specified");
        Objects.requireNonNull(hardening, "hardening was not specified");
        command = List.copyOf(command);
        labels = Map.copyOf(labels);
        volumes = List.copyOf(volumes);
    }

    /** A container without volumes. */
    public ContainerSpec(String image, List<String> command, String runtime, Map<String, String> labels,
            long memoryBytes, long nanoCpus, long pidsLimit, Hardening hardening) {
        this(image, command, runtime, labels, memoryBytes, nanoCpus, pidsLimit, hardening, List.of());
    }

    /** A container with Docker's default privileges. */
    public ContainerSpec(String image, List<String> command, String runtime, Map<String, String> labels,
            long memoryBytes, long nanoCpus, long pidsLimit) {
        this(image, command, runtime, labels, memoryBytes, nanoCpus, pidsLimit, Hardening.none(), List.of());
    }

    public ContainerSpec withRuntime(String other) {
        return new ContainerSpec(image, command, other, labels, memoryBytes, nanoCpus, pidsLimit, hardening, volumes);
    }

    public ContainerSpec withImage(String other, Hardening otherHardening) {
        return new ContainerSpec(other, command, runtime, labels, memoryBytes, nanoCpus, pidsLimit, otherHardening, volumes);
    }

    public ContainerSpec withVolumes(List<String> other) {
        return new ContainerSpec(image, command, runtime, labels, memoryBytes, nanoCpus, pidsLimit, hardening, other);
    }

    public ContainerSpec withCommand(List<String> other) {
        return new ContainerSpec(image, other, runtime, labels, memoryBytes, nanoCpus, pidsLimit, hardening, volumes);
    }
}
