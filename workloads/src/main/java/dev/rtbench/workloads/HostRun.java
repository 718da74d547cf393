package dev.rtbench.workloads;

import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A workload run on the host itself, outside any container: the host reference a run's ratios are read against.
 *
 * <p>The same scripts and the same tools as in the workload image: the scripts are written to a folder of their
 * own with {@code /rtbench/} pointing there, the static busybox's applets come first on PATH (as in an image
 * layered onto a user's, {@link WorkloadImage#writeLayerContext}), then the host's tools. The container's scratch
 * folder ({@code /var/tmp}) becomes a folder of this one. So a host figure differs from a runtime's by the container
 * alone, not by another tool or script.
 */
public final class HostRun implements AutoCloseable {

    private final Path root;
    private final Path scripts;
    private final Path scratch;
    private final String path;

    private HostRun(Path root) {
        this.root = root;
        this.scripts = root.resolve("rtbench");
        this.scratch = root.resolve("scratch");
        this.path = scripts.resolve("bin") + ":" + String.join(":", Executables.SYSTEM_DIRS);
    }

    /** A folder with the scripts and busybox's applets, removed by {@link #close}; busybox is the host's static one. */
    public static HostRun prepare(Path busybox) {
        try {
            Path root = Files.createTempDirectory("rtb-host-");
            HostRun run = new HostRun(root);
            Files.createDirectories(run.scripts.resolve("bin"));
            Files.createDirectories(run.scratch);
            for (Map.Entry<String, byte[]> s : ImageContent.packagedScripts().entrySet()) {
                String text = new String(s.getValue(), StandardCharsets.ISO_8859_1)
                        .replace(Workloads.SCRIPT_DIR + "/", run.scripts + "/");
                Path f = run.scripts.resolve(s.getKey());
                Files.writeString(f, text, StandardCharsets.ISO_8859_1);
                f.toFile().setExecutable(true);
            }
            Path bb = run.scripts.resolve("bin/busybox");
            Files.copy(busybox, bb);
            bb.toFile().setExecutable(true);
            for (String applet : WorkloadImage.APPLETS) {
                Files.createSymbolicLink(run.scripts.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the host reference's scripts: " + e.getMessage(), e);
        }
    }

    /** What a run of one workload on the host gave: its measurements, or why it failed. */
    public record Result(List<Measurement> measurements, double seconds, Optional<String> failure) {}

    /**
     * Runs {@code w} (an execution workload) once at {@code scale}: its setup, its command (timed), its cleanup,
     * each within {@code timeoutSeconds}. Never throws for a failing workload: the result says why.
     */
    public Result run(Workload w, double scale, int timeoutSeconds) {
        try {
            if (w.hasSetup()) {
                Output s = exec(w.setup(), timeoutSeconds);
                if (s.code != 0) {
                    return failed("its setup exited " + s.code + ": " + s.err);
                }
            }
            long t0 = System.nanoTime();
            Output o = exec(w.command(scale), timeoutSeconds);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (w.hasCleanup()) {
                exec(w.cleanup(), timeoutSeconds);
            }
            if (o.code != 0) {
                return failed("exited " + o.code + ": " + o.err);
            }
            return new Result(w.parser().parse(o.out, o.err), seconds, Optional.empty());
        } catch (IOException | RuntimeException e) {
            return failed(String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
    }

    private static Result failed(String why) {
        String line = why.strip().replace('\n', ' ');
        return new Result(List.of(), Double.NaN, Optional.of(line.length() > 300 ? line.substring(0, 300) + "..."
                : line));
    }

    private record Output(int code, String out, String err) {}

    private Output exec(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        for (String a : command) {
            argv.add(hostPath(a));
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(scratch.toFile());
        pb.environment().put("PATH", path);
        pb.environment().put("TMPDIR", scratch.toString());
        Path out = Files.createTempFile(root, "out-", ".txt");
        Path err = Files.createTempFile(root, "err-", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                kill(p);
                p.waitFor();
                return new Output(-1, "", "did not end within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            // a Ctrl-C leaves no tool of ours running on the host
            kill(p);
            throw e;
        }
        try {
            return new Output(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** A container path of a command as it is on the host: the scripts' folder, the scratch folder, the shell. */
    String hostPath(String a) {
        if (a.equals("/bin/sh")) {
            return scripts.resolve("bin/sh").toString();
        }
        if (a.startsWith(Workloads.SCRIPT_DIR + "/")) {
            return scripts.resolve(a.substring(Workloads.SCRIPT_DIR.length() + 1)).toString();
        }
        if (a.equals(Workloads.ROOTFS) || a.equals("/tmp")) {
            return scratch.toString();
        }
        return a;
    }

    @Override
    public void close() {
        FileTrees.deleteQuietly(root);
    }
}
