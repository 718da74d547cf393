package dev.rtbench.workloads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Raw output captured from real runs, kept under src/test/resources/captured (see its README). */
record CapturedOutput(String stdout, String stderr) {

    static final String[] RUNTIMES = {"runc", "runsc"};

    /** {@code captured/<runtime>/<name>.out} and {@code .err}; a missing .err reads as empty. */
    static CapturedOutput load(String runtime, String name) {
        return new CapturedOutput(read("/captured/" + runtime + "/" + name + ".out", true),
                read("/captured/" + runtime + "/" + name + ".err", false));
    }

    static String read(String resource, boolean required) {
        try (InputStream in = CapturedOutput.class.getResourceAsStream(resource)) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException("missing test resource " + resource);
                }
                return "";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CapturedOutput withStdout(String replaced) {
        return new CapturedOutput(replaced, stderr);
    }

    CapturedOutput withStderr(String replaced) {
        return new CapturedOutput(stdout, replaced);
    }
}
