package dev.rtbench.harness.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogTicksTest {

    @Test
    void labelsOneTwoFiveWithinTheRange() {
        assertEquals(List.of(0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0),
                LogTicks.choose(0.45, 300, v -> true));
    }

    @Test
    void fallsBackToDecadesThenToEveryOtherDecade() {
        assertEquals(List.of(1.0, 10.0, 100.0), LogTicks.choose(0.45, 300, v -> v.size() <= 4));
        assertEquals(List.of(0.01, 1.0, 100.0, 10_000.0), LogTicks.choose(0.005, 50_000, v -> v.size() <= 4));
    }

    @Test
    void labelsArePlainDecimals() {
        assertEquals("0.5", LogTicks.label(0.5));
        assertEquals("1", LogTicks.label(1));
        assertEquals("0.002", LogTicks.label(2e-3));
        assertEquals("10,000", LogTicks.label(1e4));
    }
}
