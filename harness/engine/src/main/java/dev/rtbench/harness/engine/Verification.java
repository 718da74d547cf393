package dev.rtbench.harness.engine;

import dev.rtbench.harness.runtime.Proof;

/**
 * Whether a container really ran under the runtime it was meant for.
 *
 * @param intended      the runtime asked for
 * @param daemonRuntime what the daemon recorded ({@code HostConfig.Runtime})
 * @param proof         what the container itself showed, or null when it was not asked
 */
public record Verification(String intended, String daemonRuntime, Proof proof) {

    public boolean ok() {
        return intended.equals(daemonRuntime) && (proof == null || proof.agrees());
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        if (!intended.equals(daemonRuntime)) {
            b.append("the daemon ran it under \"").append(daemonRuntime).append("\", not \"").append(intended).append('"');
        }
        if (proof != null && !proof.agrees()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append("inside, the container saw ").append(proof.observed())
                    .append(", which is not what \"").append(intended).append("\" shows");
        }
        return b.length() == 0 ? "ran under " + intended + (proof == null ? "" : " (" + proof.observed() + ")")
                : b.toString();
    }
}
