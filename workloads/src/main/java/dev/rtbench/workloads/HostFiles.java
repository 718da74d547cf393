package dev.rtbench.workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a set of the host's dynamically linked programs need in an image: each program, every
 * shared library {@code ldd} lists at the path it lists (the loader resolved it there, so the
 * loader in the image finds it there too, with no ld.so.cache), and the loader itself.
 * Symbolic links on the host are followed: the image holds plain files at the listed paths.
 */
final class HostFiles {

    /** {@code libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)} */
    private static final Pattern RESOLVED = Pattern.compile("^\\s*(\\S+) => (/\\S+) \\(0x[0-9a-f]+\\)$");
    /** {@code /lib64/ld-linux-x86-64.so.2 (0x...)}: the loader, by its absolute name */
    private static final Pattern ABSOLUTE = Pattern.compile("^\\s*(/\\S+) \\(0x[0-9a-f]+\\)$");
    /** {@code libfoo.so.1 => not found} */
    private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+) => not found$");
    /** {@code linux-vdso.so.1 (0x...)}: in the kernel, no file */
    private static final Pattern VDSO = Pattern.compile("^\\s*linux-(vdso|gate)\\.so\\.\\d+ \\(0x[0-9a-f]+\\)$");

    /** Image path (no leading slash) to content and mode. */
    record Entry(byte[] content, int mode) {
    }

    private final SortedMap<String, Entry> files;
    private final Map<HostTool, String> skipped;

    private HostFiles(SortedMap<String, Entry> files, Map<HostTool, String> skipped) {
        this.files = Collections.unmodifiableSortedMap(files);
        this.skipped = Collections.unmodifiableMap(skipped);
    }

    /** Image path (relative, e.g. {@code usr/bin/fio}) to its content and mode, in path order. */
    SortedMap<String, Entry> files() {
        return files;
    }

    /** Tools left out, with the reason (not installed, or a library ldd cannot find). */
    Map<HostTool, String> skipped() {
        return skipped;
    }

    static HostFiles none() {
        return new HostFiles(new TreeMap<>(), Map.of());
    }

    /** The installed tools of this host, with {@code ldd} and the files as they are. */
    static HostFiles fromHost() {
        Map<HostTool, String> missing = HostTool.missingOnHost();
        List<HostTool> present = new ArrayList<>();
        for (HostTool t : HostTool.values()) {
            if (!missing.containsKey(t)) {
                present.add(t);
            }
        }
        return collect(present, missing, HostFiles::ldd, HostFiles::read);
    }

    /**
     * @param ldd  the output of {@code ldd PATH}
     * @param read the bytes of a host file, following symbolic links
     */
    static HostFiles collect(List<HostTool> tools, Map<HostTool, String> alreadyMissing,
                             Function<String, String> ldd, Function<String, byte[]> read) {
        SortedMap<String, Entry> files = new TreeMap<>();
        Map<HostTool, String> skipped = new LinkedHashMap<>(alreadyMissing);
        for (HostTool tool : tools) {
            Map<String, Entry> mine = new LinkedHashMap<>();
            List<String> notFound = new ArrayList<>();
            mine.put(relative(tool.path()), new Entry(read.apply(tool.path()), 0755));
            for (String line : ldd.apply(tool.path()).split("\\R")) {
                Matcher m;
                if ((m = RESOLVED.matcher(line)).matches()) {
                    mine.put(relative(m.group(2)), new Entry(read.apply(m.group(2)), 0644));
                } else if ((m = ABSOLUTE.matcher(line)).matches()) {
                    mine.put(relative(m.group(1)), new Entry(read.apply(m.group(1)), 0755));
                } else if ((m = NOT_FOUND.matcher(line)).matches()) {
                    notFound.add(m.group(1));
                } else if (!VDSO.matcher(line).matches() && !line.isBlank()
                        && !line.strip().equals("statically linked") && !line.strip().equals("not a dynamic executable")) {
                    throw new IllegalStateException("cannot read ldd's line \"" + line.strip() + "\" for " + tool.path());
                }
            }
            if (!notFound.isEmpty()) {
                skipped.put(tool, tool.path() + " needs " + notFound + ", which this host lacks: reinstall it with "
                        + "`apt-get install --reinstall " + tool.debianPackage() + "`");
                continue;
            }
            files.putAll(mine);
        }
        return new HostFiles(files, skipped);
    }

    private static String relative(String absolute) {
        if (!absolute.startsWith("/") || absolute.contains("/../") || absolute.contains("/./")) {
            throw new IllegalStateException("not a plain absolute path: " + absolute);
        }
        return absolute.substring(1);
    }

    static String ldd(String path) {
        try {
            Process p = new ProcessBuilder("ldd", path).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("ldd " + path + " did not finish in 30 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 && !text.contains("not a dynamic executable")) {
                throw new IllegalStateException("ldd " + path + " failed (" + p.exitValue() + "): " + text.strip()
                        + "; it comes with Debian's libc-bin");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ldd on " + path + " (Debian's libc-bin has it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ldd " + path, e);
        }
    }

    static byte[] read(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " for the workload image", e);
        }
    }
}
