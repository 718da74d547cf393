package dev.rtbench.harness.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCapacityTest {

    private static Path proc(Path dir, long memAvailableKiB, long pidMax, long threadsMax, long tasks) throws Exception {
        Files.createDirectories(dir.resolve("sys/kernel"));
        Files.writeString(dir.resolve("meminfo"), "MemTotal:       16000000 kB\nMemAvailable:   " + memAvailableKiB
                + " kB\n");
        Files.writeString(dir.resolve("sys/kernel/pid_max"), pidMax + "\n");
        Files.writeString(dir.resolve("sys/kernel/threads-max"), threadsMax + "\n");
        Files.writeString(dir.resolve("loadavg"), "0.10 0.20 0.30 2/" + tasks + " 4242\n");
        return dir;
    }

    @Test
    void theSmallerOfMemoryAndTasksDecides(@TempDir Path dir) throws Exception {
        // 8 GiB: four fifths at 64 MiB = 102; 32768 - 500 tasks: half at 64 = 252
        HostCapacity byMemory = HostCapacity.of(proc(dir.resolve("a"), 8L << 20, 32768, 100000, 500));
        assertEquals(102, byMemory.containers());
        // a machine short of tasks: (4000 - 1000) / 2 / 64 = 23
        HostCapacity byTasks = HostCapacity.of(proc(dir.resolve("b"), 8L << 20, 4000, 100000, 1000));
        assertEquals(23, byTasks.containers());
        assertTrue(byTasks.reason().contains("room for 3000 more tasks"), byTasks.reason());
    }

    @Test
    void thisMachineCanHoldTheDefaultDensityOfAFullRun() {
        // the full profile measures 200 idle containers: a machine of this project's kind must hold them
        HostCapacity here = HostCapacity.host();
        assertTrue(here.containers() >= 200 || here.memAvailableMiB() < 20_000, here.reason());
    }
}
