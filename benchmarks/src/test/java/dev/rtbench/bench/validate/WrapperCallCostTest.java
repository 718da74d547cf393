package dev.rtbench.bench.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrapperCallCostTest {

    @Test
    void bothWrappersAreTimedAgainstTheBareBinaryAndSaidWithTheirIntervals() {
        List<WrapperCallCost.Cost> costs = WrapperCallCost.measure(6, 0.95);
        assertEquals(List.of("OCI verbs' wrapper", "CNI plugins' wrapper"), costs.stream()
                .map(WrapperCallCost.Cost::wrapper).toList());
        for (WrapperCallCost.Cost c : costs) {
            assertEquals(6, c.calls());
            assertTrue(c.medianMs() > 0 && Double.isFinite(c.differenceMs()), c.toString());
            assertTrue(c.difference().known() && c.difference().lower() <= c.difference().upper(), c.toString());
            assertTrue(c.describe().startsWith("one call behind the " + c.wrapper() + ": "), c.describe());
        }
    }
}
