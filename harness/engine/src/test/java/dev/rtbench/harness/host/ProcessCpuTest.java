package dev.rtbench.harness.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

    @Test
    void sumsEveryThreadsRunTime(@TempDir Path proc) throws Exception {
        for (String[] t : new String[][] {{"40", "1500000 20 3"}, {"41", "2500 0 1"}}) {
            Path task = Files.createDirectories(proc.resolve("40/task/" + t[0]));
            Files.writeString(task.resolve("schedstat"), t[1] + "\n");
        }
        assertEquals(OptionalLong.of(1_502_500), ProcessCpu.nanos(proc, 40));
        assertTrue(ProcessCpu.nanos(proc, 41).isEmpty(), "a process that is gone has no time");
    }

    @Test
    void readsThisProcessWithFinerThanTicks() {
        long pid = ProcessHandle.current().pid();
        long a = ProcessCpu.nanos(pid).orElseThrow();
        // spin on this thread's own CPU clock (a loaded machine may take it off the CPU meanwhile)
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = bean.getCurrentThreadCpuTime();
        while (bean.getCurrentThreadCpuTime() - cpu0 < 3_000_000) {
            Thread.onSpinWait();
        }
        long b = ProcessCpu.nanos(pid).orElseThrow();
        // 3 ms of CPU show, which /proc/PID/stat's 10 ms ticks often would not
        assertTrue(b - a >= 3_000_000, (b - a) + " ns");
    }
}
