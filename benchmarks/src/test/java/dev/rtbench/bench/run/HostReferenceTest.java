package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.workloads.WorkloadImage;
import dev.rtbench.workloads.Workloads;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostReferenceTest {

    @Test
    void aSmokeRunAndARunWithNothingInsideAContainerSayWhyTheyHaveNone() {
        List<String> notes = new ArrayList<>();
        assertTrue(HostReference.prepare(Profile.SMOKE, Workloads.select("syscall-null"), notes::add).isEmpty());
        assertEquals(List.of("no host reference (profile smoke, whose figures decide nothing)"), notes);

        notes.clear();
        // validate's case: lifecycle phases alone
        assertTrue(HostReference.prepare(Profile.QUICK, Workloads.select("lifecycle"), notes::add).isEmpty());
        assertTrue(notes.get(0).startsWith("no host reference: this run measures no workload inside a container"),
                notes.toString());
    }

    @Test
    void aQuickRunOfAnInContainerWorkloadMeasuresTheHostOnceARound() {
        List<String> notes = new ArrayList<>();
        var ref = HostReference.prepare(Profile.QUICK, Workloads.select("cpu-single"), notes::add);
        if (!Files.isRegularFile(WorkloadImage.HOST_BUSYBOX)) {
            assertTrue(ref.isEmpty() && notes.get(0).contains("busybox"), notes.toString());
            return;
        }
        try (HostReference h = ref.orElseThrow()) {
            assertTrue(notes.get(notes.size() - 1).startsWith("host reference: syscall-null, fork, memory-1m,"
                    + " fio-fsync run on the host itself"), notes.toString());
            var samples = h.measure(3);
            assertEquals(List.of("syscall-null", "fork", "memory-1m", "fio-fsync"),
                    samples.stream().map(s -> s.workload()).distinct().toList());
            assertTrue(samples.stream().allMatch(s -> s.ok() && s.round() == 3 && s.value() > 0), samples.toString());
            assertTrue(h.cost().startsWith("host reference: 1 round(s), "), h.cost());
        }
    }
}
