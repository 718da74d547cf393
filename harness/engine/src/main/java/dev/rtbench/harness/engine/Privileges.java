package dev.rtbench.harness.engine;

/**
 * What each container of a run may do: lifecycle containers run {@code true}, {@code echo} or an idle shell and need
 * nothing; the container workloads are exec'd into writes files (some workloads measure writing to its root
 * filesystem). A user's own image gets Docker's defaults: rtbench cannot know what it needs.
 *
 * @param lifecycle  for the lifecycle phases and the proof containers
 * @param execTarget for the long-running container of the in-container workloads
 */
public record Privileges(Hardening lifecycle, Hardening execTarget) {
    public static Privileges forImage(boolean ownImage) {
        return ownImage ? new Privileges(Hardening.readOnly(), Hardening.writableRoot())
                : new Privileges(Hardening.none(), Hardening.none());
    }
}
