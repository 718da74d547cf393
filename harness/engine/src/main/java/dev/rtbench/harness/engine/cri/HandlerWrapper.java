package dev.rtbench.harness.engine.cri;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The script a managed containerd runs as a handler's runtime: containerd's {@code BinaryName} takes a binary and no
 * arguments, so the script carries them ({@code runsc --network=none}), and it mends two things the runc shim
 * expects of runc and gVisor does otherwise.
 */
final class HandlerWrapper {
    private HandlerWrapper() {}

    /** A handler whose runtime gets its arguments from a script in the private folder: BinaryName takes none. */
    static CriHandler install(Path dir, CriHandler h) throws IOException {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path script = bin.resolve(h.name());
        Files.writeString(script, script(h, bin), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new CriHandler(h.name(), h.runtimeType(), script.toString(), List.of(), h.options(), false);
    }

    /**
     * {@code exec BINARY ARGS... "$@"}, every word quoted for the shell, with two exceptions.
     *
     * <p>{@code start}'s output goes through a file: the runc shim reads what {@code start} prints until the pipe
     * closes, and a gVisor {@code start} of a container in a running sandbox leaves that container's gofer holding
     * the pipe, so StartContainer would wait until the container ends. {@code kill}'s too: the shim takes a kill
     * of a container that has already exited as done only when the message is runc's ("container not running"),
     * and gVisor says "sandbox is not running", which made StopContainer fail after its SIGTERM had worked.
     *
     * <p>With {@link CriHandler#sandboxPerContainer()}, {@code create} first renames the CRI's container-type and
     * sandbox-id annotations in the bundle's config.json, so that the runtime makes each container a sandbox of its
     * own. The shim has grouped the pod's containers by then (it reads the annotations before it calls create).
     */
    static String script(CriHandler h, Path scratch) {
        StringBuilder cmd = new StringBuilder(shellQuote(h.binary()));
        for (String a : h.runtimeArgs()) {
            cmd.append(' ').append(shellQuote(a));
        }
        StringBuilder b = new StringBuilder("#!/bin/sh\n# written by rtbench for handler ").append(h.name())
                .append(": containerd's BinaryName carries no arguments\n");
        b.append("bundle=\nprev=\nverb=\n");
        b.append("for a in \"$@\"; do\n");
        b.append("  case \"$prev\" in --bundle|-b) bundle=$a ;; esac\n");
        b.append("  case \"$a\" in --bundle=*) bundle=${a#--bundle=} ;; create|start|kill) [ -z \"$verb\" ] && verb=$a ;; esac\n");
        b.append("  prev=$a\n");
        b.append("done\n");
        if (h.sandboxPerContainer()) {
            b.append("if [ \"$verb\" = create ] && [ -f \"$bundle/config.json\" ]; then\n");
            b.append("  sed -i -e 's/\"io\\.kubernetes\\.cri\\.container-type\"/\"rtbench.hidden.container-type\"/g'"
                    + " -e 's/\"io\\.kubernetes\\.cri\\.sandbox-id\"/\"rtbench.hidden.sandbox-id\"/g'"
                    + " \"$bundle/config.json\" || exit 1\n");
            b.append("fi\n");
        }
        b.append("if [ \"$verb\" = start ] || [ \"$verb\" = kill ]; then\n");
        b.append("  out=$(mktemp ").append(shellQuote(scratch.resolve("out.XXXXXX").toString())).append(") || exit 1\n");
        b.append("  ").append(cmd).append(" \"$@\" </dev/null >\"$out\" 2>&1\n");
        b.append("  rc=$?\n  cat \"$out\" >&2\n");
        // the shim ignores a kill of what has already exited only when runc's words say so
        b.append("  if [ $rc -ne 0 ] && [ \"$verb\" = kill ] && grep -q 'is not running' \"$out\"; then\n");
        b.append("    echo 'container not running' >&2\n  fi\n");
        b.append("  rm -f \"$out\"\n  exit $rc\n");
        b.append("fi\n");
        b.append("exec ").append(cmd).append(" \"$@\"\n");
        return b.toString();
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
