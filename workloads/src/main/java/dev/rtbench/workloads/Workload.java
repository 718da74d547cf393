package dev.rtbench.workloads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One workload every runtime runs identically: the same command in the same image, with the
 * same sizes.
 *
 * <p>For an {@link WorkloadKind#EXECUTION} workload {@code command} is the script exec'd into
 * a container running {@link Workloads#IDLE_COMMAND}, its last {@code sizes.size()} arguments
 * being the sizes, in the map's order; for a {@link WorkloadKind#LIFECYCLE} workload it is
 * what the container runs (or, for {@code exec}, what is exec'd into it), and there are no
 * sizes.
 *
 * @param name     short name, used on the command line and in results
 * @param kind     timed from outside only, or also measuring itself
 * @param stresses what the workload exercises, and what it does not, for people reading results
 * @param command  the command at scale 1.0
 * @param sizes    size parameters at scale 1.0 (name to value, iteration order = argument order)
 * @param unit     unit of the headline figure: the harness-timed duration for lifecycle
 *                 workloads, the first measurement of {@code parser} for execution workloads
 * @param parser   reads the workload's own figures from its output; {@link OutputParser#NONE}
 *                 for lifecycle workloads
 * @param setup    exec'd into the container, untimed, before each timed run of {@code command}
 *                 (start a server, lay out a file); empty for none. It must exit 0, or the sample
 *                 fails without the timed run. Not scaled.
 * @param cleanup  exec'd, untimed, after each timed run, whether it succeeded or not (stop the
 *                 server, remove the files); empty for none. Its failure fails the sample too:
 *                 the next one would meet the leftovers.
 * @param volume   where the harness must mount a fresh, empty volume for the workload's container
 *                 (a Docker named volume: the host's filesystem through a bind, not the container's
 *                 root filesystem); empty when the workload needs none
 * @param requires the programs of the workload image the workload runs besides busybox (e.g.
 *                 {@code /usr/bin/fio}); when one is missing from the host the workload is
 *                 {@linkplain Workloads#unavailable() unavailable}
 * @param image    the image to run it in, when not the workload image (a user's workload); empty
 *                 for the workload image
 * @param timeoutSeconds how long the harness lets the timed command run before it counts as failed;
 *                 0 for the harness's own default
 */
public record Workload(String name, WorkloadKind kind, String stresses, List<String> command,
                       Map<String, Long> sizes, String unit, OutputParser parser,
                       List<String> setup, List<String> cleanup, Optional<String> volume,
                       List<String> requires, Optional<String> image, int timeoutSeconds) {

    /** Today's shape: no setup, cleanup, volume or extra programs, the workload image, the default timeout. */
    public Workload(String name, WorkloadKind kind, String stresses, List<String> command,
                    Map<String, Long> sizes, String unit, OutputParser parser) {
        this(name, kind, stresses, command, sizes, unit, parser, List.of(), List.of(), Optional.empty(),
                List.of(), Optional.empty(), 0);
    }

    public Workload {
        Objects.requireNonNull(name, "name was not specified");
        Objects.requireNonNull(kind, "kind was not specified");
        Objects.requireNonNull(stresses, "stresses was not specified");
        Objects.requireNonNull(command, "command was not specified");
        Objects.requireNonNull(sizes, "sizes was not specified");
        Objects.requireNonNull(unit, "unit was not specified");
        Objects.requireNonNull(parser, "parser was not specified");
        Objects.requireNonNull(setup, "setup was not specified (use an empty list)");
        Objects.requireNonNull(cleanup, "cleanup was not specified (use an empty list)");
        Objects.requireNonNull(volume, "volume was not specified (use Optional.empty())");
        Objects.requireNonNull(requires, "requires was not specified (use an empty list)");
        Objects.requireNonNull(image, "image was not specified (use Optional.empty())");
        setup = List.copyOf(setup);
        cleanup = List.copyOf(cleanup);
        requires = List.copyOf(requires);
        if (volume.isPresent() && !volume.get().matches("/[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException("volume mount path of workload " + name
                    + " must be an absolute path without spaces, was \"" + volume.get() + "\"");
        }
        if (image.isPresent() && (image.get().isBlank() || image.get().chars().anyMatch(c -> c <= ' '))) {
            throw new IllegalArgumentException("image of workload " + name + " is not an image reference: \""
                    + image.get() + "\"");
        }
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds of workload " + name + " must be 0 (default) or more, was "
                    + timeoutSeconds);
        }
        if (name.isBlank() || !name.equals(name.strip()) || name.contains(",")) {
            throw new IllegalArgumentException("workload name must be non-blank without spaces or commas: \"" + name + "\"");
        }
        // a right-to-left override (U+202E) or a control character reached the console and report.md raw, where
        // it reorders or hides what follows it
        for (int i = 0; i < name.length(); i++) {
            int type = Character.getType(name.charAt(i));
            if (type == Character.CONTROL || type == Character.FORMAT) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "workload name has the"
                        + " invisible character U+%04X at position %d, which would reorder or hide text where the"
                        + " name is shown: use visible characters only", (int) name.charAt(i), i + 1));
            }
        }
        command = List.copyOf(command);
        // LinkedHashMap keeps the argument order; Map.copyOf would not.
        sizes = Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("workload " + name + " has an empty command");
        }
        if (command.size() < sizes.size()) {
            throw new IllegalArgumentException("workload " + name + " has more sizes than command arguments");
        }
        int first = command.size() - sizes.size();
        int i = first;
        for (Map.Entry<String, Long> size : sizes.entrySet()) {
            Long value = Objects.requireNonNull(size.getValue(), "size " + size.getKey() + " of " + name);
            if (value < 1) {
                throw new IllegalArgumentException("size " + size.getKey() + " of workload " + name + " must be at least 1, was " + value);
            }
            if (!command.get(i).equals(Long.toString(value))) {
                throw new IllegalArgumentException("workload " + name + ": argument " + i + " of " + command
                        + " should be size " + size.getKey() + " = " + value);
            }
            i++;
        }
    }

    /**
     * The command with every size multiplied by {@code scale} and rounded, but never below 1.
     * The result depends on nothing but this workload and {@code scale}, so every runtime
     * runs exactly the same command.
     *
     * @param scale positive factor; 1.0 gives {@link #command()}, the smoke profile uses e.g. 0.05
     */
    public List<String> command(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number, was " + scale);
        }
        List<String> scaled = new ArrayList<>(command.subList(0, command.size() - sizes.size()));
        for (long value : scaledSizes(scale).values()) {
            scaled.add(Long.toString(value));
        }
        return List.copyOf(scaled);
    }

    /** Whether the harness must exec {@link #setup()} before each timed run. */
    public boolean hasSetup() {
        return !setup.isEmpty();
    }

    /** Whether the harness must exec {@link #cleanup()} after each timed run. */
    public boolean hasCleanup() {
        return !cleanup.isEmpty();
    }

    /** The sizes at {@code scale}, as passed by {@link #command(double)}. */
    public Map<String, Long> scaledSizes(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number, was " + scale);
        }
        Map<String, Long> scaled = new LinkedHashMap<>();
        sizes.forEach((key, value) -> scaled.put(key, Math.max(1L, Math.round(value * scale))));
        return Collections.unmodifiableMap(scaled);
    }
}
