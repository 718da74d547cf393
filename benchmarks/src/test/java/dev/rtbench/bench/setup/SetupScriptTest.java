package dev.rtbench.bench.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up's decisions (setup/setup.sh) on made-up machines: stub binaries and package managers on a fake root,
 * with apt's simulation answers captured from a throwaway Debian 12 root (see setup/check-in-chroot.sh). The first
 * case is the one that once removed a user's Docker: docker-ce and containerd.io, where asking apt for Debian's
 * docker.io, containerd or runc removes containerd.io and docker-ce with it.
 */
class SetupScriptTest {

    @TempDir
    Path dir;

    /** Docker's own packages: their binaries are used, and only what nothing provides is installed. */
    @Test
    void dockerCeMachineKeepsItsEngineAndGetsOnlyWhatIsMissing() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir).withDockerCe().withEverythingElseBut("runsc", "busybox");
        m.aptSimulates("apt-s-runsc-busybox.txt");
        FakeMachine.Result r = m.setUp("plan");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("found    dockerd         " + m.root() + "/usr/bin/dockerd: Docker version 28.2.2,"
                + " build e6534b4 (package docker-ce)"), r.out());
        assertTrue(r.out().contains("/usr/bin/containerd: containerd containerd.io 1.7.27"), r.out());
        assertTrue(r.out().contains("(package containerd.io)"), r.out());
        assertTrue(r.out().contains("would install from Debian GNU/Linux 12 (bookworm)'s packages: runsc busybox-static"
                + " (apt-get -s: 2 packages in all, none removed, replaced or downgraded)"), r.out());
        assertTrue(r.out().contains("--plan: nothing was installed or changed"), r.out());
        assertEquals(List.of("-s install -q --no-install-recommends runsc busybox-static"), m.aptGetCalls());
    }

    /** What the old set-up asked apt for on that machine, simulated there: Docker's packages would go. */
    @Test
    void theOldSetUpsRequestIsSeenToRemoveDockersPackages() {
        FakeMachine m = FakeMachine.debian12(dir).withDockerCe();
        FakeMachine.Result r = m.harms("apt-s-old-setup.txt");
        assertEquals(0, r.code(), r.out());
        assertEquals("remove docker-ce\nremove containerd.io\n", r.out());
    }

    /** With the same simulation, an install goes ahead and leaves no policy-rc.d of its own. */
    @Test
    void installRunsAfterAHarmlessSimulationAndRemovesOnlyItsOwnPolicyFile() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir).withDockerCe().withEverythingElseBut("runsc", "busybox");
        m.aptSimulates("apt-s-runsc-busybox.txt").aptInstallProvides("runsc", "busybox");
        FakeMachine.Result r = m.setUp("install");
        assertEquals(0, r.code(), r.out());
        assertEquals(List.of("update -q", "-s install -q --no-install-recommends runsc busybox-static",
                "install -y -q --no-install-recommends runsc busybox-static"), m.aptGetCalls());
        assertFalse(Files.exists(m.root().resolve("usr/sbin/policy-rc.d")), "rtbench's policy-rc.d was left");
        assertTrue(r.out().contains("found everything") || !r.out().contains("cannot run without"), r.out());
    }

    @Test
    void aPolicyFileTheMachineAlreadyHadIsKeptAsItWas() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir).withDockerCe().withEverythingElseBut("runsc", "busybox");
        m.aptSimulates("apt-s-runsc-busybox.txt").aptInstallProvides("runsc", "busybox");
        Path policy = m.root().resolve("usr/sbin/policy-rc.d");
        Files.writeString(policy, "#!/bin/sh\n# the owner's\nexit 0\n");
        assertEquals(0, m.setUp("install").code());
        assertEquals("#!/bin/sh\n# the owner's\nexit 0\n", Files.readString(policy));
    }

    /** containerd.io without dockerd: Debian's docker.io would bring containerd and runc, and apt removes containerd.io. */
    @Test
    void anInstallThatWouldRemoveAPackageInstallsNothing() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir).withDockerCe().without("dockerd").withEverythingElseBut("dockerd");
        m.aptSimulates("apt-s-docker.io-over-containerd.io.txt");
        FakeMachine.Result r = m.setUp("install");
        assertNotEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("installing docker.io would change what this machine has; installing nothing:"),
                r.out());
        assertTrue(r.out().contains("apt would remove containerd.io"), r.out());
        assertTrue(r.out().contains("./rtbench --no-install"), r.out());
        assertEquals(List.of("update -q", "-s install -q --no-install-recommends docker.io"), m.aptGetCalls());
    }

    /** A containerd from its release tarball, in /usr/local/bin: Debian's would be a second one, enabled at boot. */
    @Test
    void aSecondCopyOfAnEngineBinaryIsRefused() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir);
        m.binary("usr/local/bin/containerd", "containerd github.com/containerd/containerd v1.7.24 88bf19b2");
        m.binary("usr/local/bin/ctr", "ctr github.com/containerd/containerd v1.7.24");
        m.binary("usr/local/sbin/runc", "runc version 1.2.4");
        m.withEverythingElseBut("dockerd");
        m.aptSimulates("apt-s-docker.io.txt");
        FakeMachine.Result r = m.setUp("install");
        assertNotEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("containerd would put a second containerd beside " + m.root()
                + "/usr/local/bin/containerd"), r.out());
        assertTrue(r.out().contains("runc would put a second runc beside " + m.root() + "/usr/local/sbin/runc"),
                r.out());
        assertEquals(2, m.aptGetCalls().size(), m.aptGetCalls().toString());
    }

    @Test
    void aDowngradeIsRefused() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir).withEverythingElseBut("busybox");
        m.aptSimulates("apt-s-downgrade.txt");
        FakeMachine.Result r = m.setUp("install");
        assertNotEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("apt would downgrade tzdata (2025b-0+deb12u2 -> 2025b-0+deb12u1)"), r.out());
    }

    /** gVisor's own package or a runsc put in /usr/local/bin by hand is used, not replaced by Debian's of 2022. */
    @Test
    void aRunscInstalledByHandIsUsed() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir);
        m.binary("usr/local/bin/runsc", "runsc version release-20241217.0");
        m.withEverythingElseBut("runsc");
        FakeMachine.Result r = m.setUp("install");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("found    runsc           " + m.root() + "/usr/local/bin/runsc: runsc version"
                + " release-20241217.0"), r.out());
        assertEquals(List.of(), m.aptGetCalls());
    }

    @Test
    void ubuntuWithoutRunscRunsWhatCanRunAndSaysHowToGetGvisor() throws IOException {
        FakeMachine m = FakeMachine.ubuntu(dir, "24.04").withEverythingElseBut("runsc");
        m.aptDoesNotKnow("runsc");
        FakeMachine.Result r = m.setUp("install");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("Ubuntu 24.04 LTS's archive has no runsc: gVisor is skipped. To measure it, install"
                + " runsc as gVisor's installation guide says"), r.out());
        assertEquals(List.of("update -q"), m.aptGetCalls());
    }

    @Test
    void fedoraInstallsNothingAndPrintsWhatToInstall() throws IOException {
        FakeMachine m = FakeMachine.rpm(dir, "fedora", "Fedora Linux 41 (Server Edition)").withEverythingElseBut(
                "dockerd", "containerd", "ctr", "runc", "runsc", "fio");
        FakeMachine.Result r = m.setUp("install");
        assertNotEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("rtbench installs nothing there"), r.out());
        assertTrue(r.out().contains("  dnf install -y moby-engine containerd runc fio\n"), r.out());
        assertTrue(r.out().contains("gVisor (runsc) is in no RPM distribution"), r.out());
        assertTrue(r.out().contains("cannot run without: dockerd containerd ctr runc"), r.out());
        assertEquals(List.of(), m.aptGetCalls());
    }

    @Test
    void aQuestionAnsweredNoInstallsNothing() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir).withDockerCe().withEverythingElseBut("runsc", "busybox");
        m.aptSimulates("apt-s-runsc-busybox.txt").aptInstallProvides("runsc", "busybox");
        FakeMachine.Result r = m.setUp("install", "yes", "n\n");
        assertNotEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("install them now? [y/N]"), r.out());
        assertTrue(r.out().contains("nothing installed"), r.out());
        assertEquals(List.of("update -q", "-s install -q --no-install-recommends runsc busybox-static"),
                m.aptGetCalls());
    }

    /** Without root nothing can be installed: the plan is shown from apt's lists as they are, and the run stops. */
    @Test
    void anOrdinaryUserSeesThePlanAndIsToldToRunAsRoot() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir).withDockerCe().withEverythingElseBut("runsc", "busybox").asUser();
        m.aptSimulates("apt-s-runsc-busybox.txt");
        FakeMachine.Result r = m.setUp("install");
        assertNotEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("would install from Debian GNU/Linux 12 (bookworm)'s packages: runsc busybox-static"),
                r.out());
        assertTrue(r.out().contains("run as root to install them"), r.out());
        assertEquals(List.of("-s install -q --no-install-recommends runsc busybox-static"), m.aptGetCalls());
    }

    @Test
    void noInstallGoesOnWithWhatIsThere() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir).withDockerCe().withEverythingElseBut("runsc", "fio");
        FakeMachine.Result r = m.setUp("none");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("--no-install: going on with what is there"), r.out());
        assertTrue(r.out().contains("no runsc: gVisor is skipped"), r.out());
        assertEquals(List.of(), m.aptGetCalls());
    }

    /** A Kubernetes node: containerd, runc, runsc and no Docker engine, measured through CRI (run --engine cri). */
    @Test
    void aCriNodeNeedsNoDockerEngine() throws IOException {
        FakeMachine m = FakeMachine.debian12(dir).withEverythingElseBut("dockerd");
        FakeMachine.Result cri = m.setUpForCri("install");
        assertEquals(0, cri.code(), cri.out());
        assertTrue(cri.out().contains("skipped  dockerd         --engine cri measures through containerd alone"),
                cri.out());
        assertTrue(cri.out().contains("found everything it needs"), cri.out());
        assertEquals(List.of(), m.aptGetCalls());
        // the main job through dockerd would need one
        FakeMachine.Result docker = m.setUp("plan");
        assertTrue(docker.out().contains("missing  dockerd"), docker.out());
    }
}
