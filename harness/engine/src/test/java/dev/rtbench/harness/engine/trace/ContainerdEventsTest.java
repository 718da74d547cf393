package dev.rtbench.harness.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.TimelineEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerdEventsTest {

    @Test
    void aCtrEventsLineIsReadWithContainerdsTimestamp() {
        TimelineEvent e = ContainerdEvents.parse("2026-12-03 00:32:10.123456789 +0000 UTC moby /tasks/create"
                + " {\"container_id\":\"abc\",\"bundle\":\"/x\",\"pid\":42}").orElseThrow();
        assertEquals("/tasks/create", e.name());
        assertEquals(TimelineEvent.CONTAINERD, e.source());
        Instant at = Instant.parse("2026-12-03T00:32:10.123456Z");
        assertEquals(at.getEpochSecond() * 1_000_000L + 123456, e.beginMicros());
        assertTrue(e.point());
    }

    @Test
    void anOffsetAndAWholeSecondAreRead() {
        TimelineEvent e = ContainerdEvents.parse("2026-12-03 01:32:10 +0100 CET k8s.io /tasks/start {}")
                .orElseThrow();
        assertEquals(Instant.parse("2026-12-03T00:32:10Z").getEpochSecond() * 1_000_000L, e.beginMicros());
    }

    @Test
    void otherLinesAreNotEvents() {
        assertTrue(ContainerdEvents.parse("ctr: failed to dial \"/x.sock\": context deadline exceeded").isEmpty());
        assertTrue(ContainerdEvents.parse("").isEmpty());
    }
}
