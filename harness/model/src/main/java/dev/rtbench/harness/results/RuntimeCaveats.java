package dev.rtbench.harness.results;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a reader must know beside a runtime's figures when the configuration measured is not one its own project
 * stands behind today. Pure: it reads the run's record of the runtime (kind, version, platform), so a report of an
 * old run says it too.
 */
public final class RuntimeCaveats {
    /** The gVisor release that made systrap the default platform; ptrace has been unsupported since. */
    public static final String SYSTRAP_DEFAULT = "release-20230621.0";

    private RuntimeCaveats() {}

    /** A gVisor runtime's release date from its version (2022-12-19 for {@code 0.0~20221219.0}), if it has one. */
    public static Optional<String> releaseDate(String kind, String version) {
        if (!"gvisor".equalsIgnoreCase(kind)) {
            return Optional.empty();
        }
        Integer r = RunscVersion.release(version);
        return r == null ? Optional.empty()
                : Optional.of(String.format(Locale.ROOT, "%04d-%02d-%02d", r / 10000, r / 100 % 100, r % 100));
    }

    /** The caveats of every runtime a run recorded, in its order; empty for none (or no environment). */
    public static List<String> of(Environment env) {
        if (env == null) {
            return List.of();
        }
        return env.runtimes().stream().map(r -> of(r.name(), r.kind(), r.version(), r.platform()))
                .flatMap(Optional::stream).toList();
    }

    /** The caveat of runtime {@code name}, or empty when it runs a configuration its project supports. */
    public static Optional<String> of(String name, String kind, String version, String platform) {
        if (unsupportedPtrace(kind, platform)) {
            String release = releaseDate(kind, version).map(d -> " (runsc of " + d + ")").orElse("");
            return Optional.of(name + ": gVisor on its ptrace platform" + release + ", which gVisor has not"
                    + " supported since " + SYSTRAP_DEFAULT + " made systrap its default: its system-call and"
                    + " process costs are not current gVisor's");
        }
        return Optional.empty();
    }

    /** The caveat in a few words, for where a line has room for little more than the platform (a chart's footnote). */
    public static Optional<String> brief(String kind, String platform) {
        return unsupportedPtrace(kind, platform) ? Optional.of("unsupported by gVisor since 2023: not today's gVisor")
                : Optional.empty();
    }

    private static boolean unsupportedPtrace(String kind, String platform) {
        return "gvisor".equalsIgnoreCase(kind) && "ptrace".equalsIgnoreCase(platform);
    }
}
