package dev.rtbench.harness.results;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release date a runsc version carries. gVisor numbers its releases by date, so the date says which platforms
 * and defaults a runsc has: the catalogue reads it to pick a platform, the report to date a caveat.
 */
public final class RunscVersion {
    private static final Pattern RELEASE = Pattern.compile("(20\\d{6})");

    private RunscVersion() {}

    /** The release date runsc prints in its version (e.g. 20221219 of {@code runsc version 0.0~20221219.0}). */
    public static Integer release(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = RELEASE.matcher(version);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
