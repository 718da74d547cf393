package dev.rtbench.bench.setup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A made-up machine for the set-up script: a root folder (RTBENCH_SETUP_ROOT) with os-release, stub binaries that
 * print a version, and stub apt-get, apt-cache, dpkg-query and id on PATH that record what they were asked and
 * answer from files. Nothing of the real machine's engine is on its PATH: the script sees only the stubs and the
 * plain tools it runs (grep, sed, ...), linked from the host.
 */
final class FakeMachine {

    /** Where a Debian package puts each thing the set-up looks for, and what it prints as its version. */
    private static final Map<String, String[]> DEBIAN = new LinkedHashMap<>();

    static {
        debian("dockerd", "usr/sbin/dockerd", "docker.io", "Docker version 20.10.24+dfsg1, build 5d6db84");
        debian("containerd", "usr/bin/containerd", "containerd", "containerd github.com/containerd/containerd 1.6.20~ds1");
        debian("ctr", "usr/bin/ctr", "containerd", "ctr github.com/containerd/containerd 1.6.20~ds1");
        debian("runc", "usr/sbin/runc", "runc", "runc version 1.1.5+ds1");
        debian("runsc", "usr/bin/runsc", "runsc", "runsc version 0.0~20221219.0");
        debian("busybox", "bin/busybox", "busybox-static", "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.");
        debian("ip", "usr/sbin/ip", "iproute2", "ip utility, iproute2-6.1.0, libbpf 1.1.2");
        debian("fc-list", "usr/bin/fc-list", "fontconfig", "fontconfig version 2.14.1");
        debian("dejavu", "usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core", "");
        debian("javac", "usr/bin/javac", "openjdk-17-jdk-headless", "javac 17.0.15");
        debian("mvn", "usr/bin/mvn", "maven", "Apache Maven 3.8.7");
        debian("sysbench", "usr/bin/sysbench", "sysbench", "sysbench 1.0.20");
        debian("stress-ng", "usr/bin/stress-ng", "stress-ng", "stress-ng, version 0.15.06");
        debian("hackbench", "usr/bin/hackbench", "rt-tests", "");
        debian("fio", "usr/bin/fio", "fio", "fio-3.33");
        debian("iperf3", "usr/bin/iperf3", "iperf3", "iperf 3.12");
        debian("redis-server", "usr/bin/redis-server", "redis-server", "Redis server v=7.0.15");
        debian("redis-benchmark", "usr/bin/redis-benchmark", "redis-tools", "");
        debian("nginx", "usr/sbin/nginx", "nginx-light", "nginx version: nginx/1.22.1");
        debian("wrk", "usr/bin/wrk", "wrk", "");
        debian("cni", "usr/lib/cni/bridge", "containernetworking-plugins", "");
    }

    private static void debian(String need, String path, String pkg, String version) {
        DEBIAN.put(need, new String[] {path, pkg, version});
    }

    /** The host's plain tools the script runs; the engine's binaries are never among them. */
    private static final List<String> TOOLS = List.of("grep", "sed", "cut", "head", "tail", "tr", "sort", "readlink",
            "basename", "dirname", "timeout", "cat", "chmod", "rm", "dpkg", "sh", "mkdir");

    private final Path dir;
    private final Path root;
    private final Path state;

    private FakeMachine(Path dir, String osRelease) {
        this.dir = dir;
        this.root = dir.resolve("root");
        this.state = dir.resolve("state");
        try {
            Files.createDirectories(root.resolve("etc"));
            Files.createDirectories(state);
            Files.createDirectories(root.resolve("usr/sbin"));
            Files.writeString(root.resolve("etc/os-release"), osRelease);
            Path tools = Files.createDirectories(dir.resolve("tools"));
            for (String t : TOOLS) {
                Path real = Arrays.stream(new String[] {"/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"})
                        .map(d -> Path.of(d + t)).filter(Files::isExecutable).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no " + t + " on this machine"));
                Files.createSymbolicLink(tools.resolve(t), real);
            }
            Path stubs = Files.createDirectories(dir.resolve("stubs"));
            String s = state.toString();
            script(stubs.resolve("apt-get"), "echo \"$*\" >> " + s + "/apt-get.log\n"
                    + "case \"$1\" in\n"
                    + "  -s) [ -f " + s + "/apt-s.txt ] && cat " + s + "/apt-s.txt; exit 0 ;;\n"
                    + "  install) [ -f " + s + "/provides ] && sh " + s + "/provides; exit 0 ;;\n"
                    + "esac\n");
            script(stubs.resolve("apt-cache"), "[ \"$1\" = show ] || exit 100\n"
                    + "grep -qx \"$2\" " + s + "/unknown 2>/dev/null && { echo \"E: No packages found\" >&2; exit 100; }\n"
                    + "echo \"Package: $2\"\n");
            script(stubs.resolve("dpkg-query"), "[ \"$1\" = -S ] || exit 1\n"
                    + "line=$(grep -F \" $2\" " + s + "/owners 2>/dev/null | head -n 1)\n"
                    + "[ -n \"$line\" ] || { echo \"dpkg-query: no path found matching pattern $2\" >&2; exit 1; }\n"
                    + "echo \"${line%% *}: $2\"\n");
            script(stubs.resolve("id"), "cat " + s + "/uid 2>/dev/null || echo 0\n");
            Files.writeString(state.resolve("owners"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FakeMachine debian12(Path dir) {
        return new FakeMachine(dir, "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                + "VERSION_ID=\"12\"\nID=debian\n");
    }

    static FakeMachine ubuntu(Path dir, String version) {
        return new FakeMachine(dir, "PRETTY_NAME=\"Ubuntu " + version + " LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\""
                + version + "\"\nID=ubuntu\nID_LIKE=debian\n");
    }

    static FakeMachine rpm(Path dir, String id, String pretty) {
        return new FakeMachine(dir, "NAME=\"" + id + "\"\nID=" + id + "\nPRETTY_NAME=\"" + pretty + "\"\n");
    }

    Path root() {
        return root;
    }

    /** Docker's own packages: dockerd from docker-ce; containerd, ctr and runc from containerd.io. */
    FakeMachine withDockerCe() {
        binary("usr/bin/dockerd", "Docker version 28.2.2, build e6534b4", "docker-ce");
        binary("usr/bin/containerd", "containerd containerd.io 1.7.27 05044ec0a9a75232cad458027ca83437aae3f4da",
                "containerd.io");
        binary("usr/bin/ctr", "ctr containerd.io 1.7.27", "containerd.io");
        binary("usr/bin/runc", "runc version 1.2.5", "containerd.io");
        return this;
    }

    FakeMachine without(String need) {
        String path = switch (need) {
            case "dockerd" -> "usr/bin/dockerd";
            default -> DEBIAN.get(need)[0];
        };
        try {
            Files.deleteIfExists(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Every need that nothing provides yet, from Debian's packages, but those named. */
    FakeMachine withEverythingElseBut(String... but) {
        List<String> skip = List.of(but);
        for (Map.Entry<String, String[]> e : DEBIAN.entrySet()) {
            String need = e.getKey();
            if (skip.contains(need) || providedElsewhere(need)) {
                continue;
            }
            provide(need);
        }
        return this;
    }

    private boolean providedElsewhere(String need) {
        return List.of("usr/bin", "usr/sbin", "usr/local/bin", "usr/local/sbin", "bin").stream()
                .anyMatch(d -> Files.exists(root.resolve(d).resolve(need)));
    }

    private void provide(String need) {
        String[] d = DEBIAN.get(need);
        binary(d[0], d[2], d[1]);
        if (need.equals("cni")) {
            binary("usr/lib/cni/host-local", "", d[1]);
        }
    }

    /** A stub binary at PATH (under the root) printing VERSION, owned by no package. */
    FakeMachine binary(String path, String version) {
        return binary(path, version, null);
    }

    private FakeMachine binary(String path, String version, String owner) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            script(p, "echo '" + version + "'\n");
            if (owner != null) {
                Files.writeString(state.resolve("owners"), owner + " " + p + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** apt-get -s answers with this captured simulation (a resource under /setup/). */
    FakeMachine aptSimulates(String resource) {
        try (InputStream in = FakeMachine.class.getResourceAsStream("/setup/" + resource)) {
            assertTrue(in != null, "no test resource /setup/" + resource);
            Files.write(state.resolve("apt-s.txt"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A real apt-get install puts these needs where Debian's packages put them. */
    FakeMachine aptInstallProvides(String... needs) {
        StringBuilder sh = new StringBuilder();
        for (String need : needs) {
            String[] d = DEBIAN.get(need);
            Path p = root.resolve(d[0]);
            sh.append("mkdir -p ").append(p.getParent()).append("; printf '#!/bin/sh\\necho \"").append(d[2])
                    .append("\"\\n' > ").append(p).append("; chmod +x ").append(p).append('\n');
            sh.append("echo '").append(d[1]).append(' ').append(p).append("' >> ").append(state.resolve("owners"))
                    .append('\n');
        }
        try {
            Files.writeString(state.resolve("provides"), sh.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The set-up runs as an ordinary user, not root. */
    FakeMachine asUser() {
        try {
            Files.writeString(state.resolve("uid"), "1000\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FakeMachine aptDoesNotKnow(String... packages) {
        try {
            Files.writeString(state.resolve("unknown"), String.join("\n", packages) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Every apt-get call, its arguments on one line each. */
    List<String> aptGetCalls() throws IOException {
        Path log = state.resolve("apt-get.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    record Result(int code, String out) {
    }

    Result setUp(String mode) {
        return setUp(mode, "no", "");
    }

    /** Runs setup_run MODE ASK with INPUT on its standard input; its output and error merged. */
    Result setUp(String mode, String ask, String input) {
        return bash("setup_run \"$1\" \"$2\"", List.of(mode, ask), input);
    }

    /** setup_run MODE for a run through CRI alone ({@code ./rtbench ... --engine cri}), not asking. */
    Result setUpForCri(String mode) {
        return bash("setup_engine=cri; setup_run \"$1\" no", List.of(mode), "");
    }

    /** What setup_harms makes of apt's captured simulation RESOURCE. */
    Result harms(String resource) {
        aptSimulates(resource);
        return bash("setup_harms < \"$1\"", List.of(state.resolve("apt-s.txt").toString()), "");
    }

    private Result bash(String call, List<String> args, String input) {
        Path setup = Path.of("..", "setup", "setup.sh").toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", "set -euo pipefail; . \"$0\"; " + call,
                setup.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", dir.resolve("stubs") + ":" + dir.resolve("tools"));
        pb.environment().put("RTBENCH_SETUP_ROOT", root.toString());
        pb.environment().put("LC_ALL", "C");
        try {
            Process p = pb.start();
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the set-up did not end:\n" + out);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
