package dev.rtbench.harness.runtime;

/**
 * What a container's own view of its kernel says about the runtime in charge.
 *
 * @param agrees   whether it matches the runtime that was meant
 * @param observed what was seen, for a message (kernel release, first dmesg line)
 */
public record Proof(boolean agrees, String observed) {}
