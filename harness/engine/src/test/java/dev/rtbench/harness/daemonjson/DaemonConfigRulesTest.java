package dev.rtbench.harness.daemonjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigRulesTest {

    private static List<String> problems(String json, String version) {
        return DaemonConfig.parse(json, "d.json").problems(version);
    }

    private static void assertOneProblem(String json, String version, String... fragments) {
        List<String> p = problems(json, version);
        assertEquals(1, p.size(), p.toString());
        for (String f : fragments) {
            assertTrue(p.get(0).contains(f), p.get(0));
        }
    }

    @Test
    void validFilesHaveNoProblems() {
        assertEquals(List.of(), Fixtures.config("production.json").problems("20.10.24+dfsg1"));
        assertEquals(List.of(), Fixtures.config("kata-runtime-type.json").problems("26.1.5+dfsg1"));
        assertEquals(List.of(), Fixtures.config("kata-runtime-type.json").problems((String) null));
    }

    @Test
    void runcIsReserved() {
        assertOneProblem("{\"runtimes\": {\"runc\": {\"path\": \"/usr/local/bin/runc\"}}}", "26.1",
                "d.json:1:15: runtime \"runc\"", "reserved");
    }

    @Test
    void exactlyOneOfPathAndRuntimeType() {
        assertOneProblem("{\"runtimes\": {\"x\": {}}}", "26.1", "d.json:1:15", "either \"path\" or \"runtimeType\"");
        assertOneProblem("{\"runtimes\": {\"x\": {\"path\": \"\"}}}", null, "either \"path\" or \"runtimeType\"");
        assertOneProblem("{\"runtimes\": {\"x\": {\"path\": \"/x\", \"runtimeType\": \"io.containerd.x.v1\"}}}", "26.1",
                "cannot configure both");
    }

    @Test
    void runtimeArgsOnlyWithPathAndOptionsOnlyWithRuntimeType() {
        assertOneProblem("{\"runtimes\": {\"x\": {\"runtimeType\": \"io.containerd.x.v1\", \"runtimeArgs\": [\"-d\"]}}}", "24.0",
                "\"runtimeArgs\" cannot be used with \"runtimeType\"");
        assertOneProblem("{\"runtimes\": {\"x\": {\"path\": \"/x\", \"options\": {\"a\": 1}}}}", "24.0",
                "\"options\" cannot be used with \"path\"");
    }

    @Test
    void runtimeTypeNeedsDocker23() {
        String kata = Fixtures.text("kata-runtime-type.json");
        assertOneProblem(kata, "20.10.24", "d.json:4:5",
                "need Docker >= 23.0", "this daemon is 20.10");
        assertEquals(List.of(), problems(kata, "23.0.0"));
    }

    @Test
    void defaultRuntimeMustNameAKnownRuntimeOrAShim() {
        assertOneProblem("{\"default-runtime\": \"kata\"}", "26.1", "d.json:1:21", "default-runtime \"kata\" does not exist",
                "configured runtimes are []");
        assertEquals(List.of(), problems("{\"default-runtime\": \"runc\"}", "20.10"));
        assertEquals(List.of(), problems("{\"default-runtime\": \"crun\", \"runtimes\": {\"crun\": {\"path\": \"/c\"}}}", "20.10"));
        // Docker >= 23 passes containerd shim names through (moby#43993), 20.10 does not.
        assertEquals(List.of(), problems("{\"default-runtime\": \"io.containerd.runsc.v1\"}", "23.0"));
        assertEquals(List.of(), problems("{\"default-runtime\": \"io.containerd.runc.v2\"}", "26.1"));
        assertOneProblem("{\"default-runtime\": \"io.containerd.runsc.v1\"}", "20.10", "does not exist", "Docker 20.10 takes no shim names");
        assertOneProblem("{\"default-runtime\": \"io.containerd.runc.v2\"}", "20.10", "does not exist");
        // Removing the runtime the default points at is caught.
        DaemonConfig c = DaemonConfig.parse("{\"default-runtime\": \"crun\", \"runtimes\": {\"crun\": {\"path\": \"/c\"}}}", "d.json")
                .withoutRuntime("crun");
        assertEquals(1, c.problems((DockerVersion) null).size());
    }

    @Test
    void shimNamesFollowContainerdsRule() {
        assertTrue(DaemonConfig.isShimName("io.containerd.kata.v2"));
        assertTrue(DaemonConfig.isShimName("a.b"));
        assertFalse(DaemonConfig.isShimName("kata"));
        assertFalse(DaemonConfig.isShimName(".b.c"));
        assertFalse(DaemonConfig.isShimName("/usr/bin/containerd-shim-kata-v2"));
        assertFalse(DaemonConfig.isShimName("io.containerd/kata.v2"));
    }

    @Test
    void builtInShimNamesAreShadowedBefore24() {
        String json = "{\"runtimes\": {\"io.containerd.runc.v2\": {\"path\": \"/opt/runc\"}}}";
        assertOneProblem(json, "20.10", "silently replaces");
        assertOneProblem(json, "23.0", "silently replaces");
        assertEquals(List.of(), problems(json, "24.0"));
    }

    @Test
    void validateListsEveryProblemAndNamesTheVersion() {
        DaemonConfig c = DaemonConfig.parse("{\"default-runtime\": \"nope\", \"runtimes\": {\"runc\": {\"path\": \"/r\"}, "
                + "\"x\": {}}}", "d.json");
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> c.validate("26.1.5"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("(Docker 26.1)") && e.getMessage().contains("nothing was written"), e.getMessage());
    }

    @Test
    void dockerVersionParsing() {
        assertEquals(new DockerVersion(20, 10), DockerVersion.parse("20.10.24+dfsg1"));
        assertEquals(new DockerVersion(26, 1), DockerVersion.parse("v26.1.5"));
        assertEquals(new DockerVersion(23, 0), DockerVersion.parse("23.0.0-rc.1"));
        assertThrows(DaemonConfigException.class, () -> DockerVersion.parse("latest"));
    }

    @Test
    void pathsMustExistAndBeExecutable(@TempDir Path dir) throws Exception {
        Path ok = Files.createFile(dir.resolve("runsc"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path plain = Files.createFile(dir.resolve("plain"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        DaemonConfig c = DaemonConfig.empty()
                .withRuntime("good", RuntimeEntry.ofPath(ok.toString(), null))
                .withRuntime("missing", RuntimeEntry.ofPath(dir.resolve("nope").toString(), null))
                .withRuntime("plain", RuntimeEntry.ofPath(plain.toString(), null))
                .withRuntime("dir", RuntimeEntry.ofPath(dir.toString(), null))
                .withRuntime("bare", RuntimeEntry.ofPath("runsc", null))
                .withRuntime("bare-missing", RuntimeEntry.ofPath("no-such-runtime", null))
                .withRuntime("kata", RuntimeEntry.ofType("io.containerd.kata.v2", null));
        List<String> p = c.pathProblems(dir.toString());
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.get(0).contains("runtime \"missing\"") && p.get(0).contains("does not exist")
                && p.get(0).contains("install the runtime"), p.get(0));
        assertTrue(p.get(1).contains("runtime \"plain\"") && p.get(1).contains("not executable"), p.get(1));
        assertTrue(p.get(2).contains("runtime \"dir\"") && p.get(2).contains("is a directory"), p.get(2));
        assertTrue(p.get(3).contains("runtime \"bare-missing\"") && p.get(3).contains("not found as an executable on PATH"), p.get(3));
        // The bare name resolves on the PATH given, not ours.
        assertEquals(1, DaemonConfig.empty().withRuntime("bare", RuntimeEntry.ofPath("runsc", null)).pathProblems("/nonexistent").size());
    }
}
