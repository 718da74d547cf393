package dev.rtbench.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerRemovalTest {

    private static List<String> started(InMemoryDriver d, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = d.create(new ContainerSpec("in-memory", List.of("sleep"), "runc", Map.of(), 0, 0, 0));
            d.start(id);
            ids.add(id);
        }
        return ids;
    }

    @Test
    void removesEveryContainer() {
        InMemoryDriver d = new InMemoryDriver(Duration.ofSeconds(5), "runc");
        List<String> ids = started(d, 9);
        assertNull(ContainerRemoval.removeAll(d, ids));
        assertEquals(List.of(), d.containers());
        assertNull(ContainerRemoval.removeAll(d, List.of()), "nothing to remove is no problem");
    }

    @Test
    void aRemovalThatFailsIsReportedAndTheRestStillGo() {
        InMemoryDriver d = new InMemoryDriver(Duration.ofSeconds(5), "runc");
        List<String> ids = started(d, 3);
        d.failing("remove", "device or resource busy");
        String problem = ContainerRemoval.removeAll(d, ids);
        assertTrue(problem != null && problem.contains("device or resource busy"), problem);
        // every container was asked to go, and each refusal was followed by a discard (remove, then its processes)
        for (String id : ids) {
            assertEquals(2, d.calls().stream().filter(c -> c.equals("remove " + id)).count(), d.calls().toString());
        }
    }
}
