package dev.rtbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InsideOutsideTest {

    @Test
    void aWorkloadsOwnTimeMustFitInsideTheHarnesssTime() {
        assertNull(InsideOutside.check(80.0, 120.0));
        assertNull(InsideOutside.check(120.5, 120.0), "within the stated 1 ms of rounding");
        String problem = InsideOutside.check(150.0, 120.0);
        assertNotNull(problem);
        assertTrue(problem.contains("150.000 ms") && problem.contains("120.000 ms"), problem);
        assertNotNull(InsideOutside.check(-1, 120.0), "a negative own time is a broken clock");
        assertNotNull(InsideOutside.check(Double.NaN, 120.0));
    }

    @Test
    void unitsOfTimeConvertToMilliseconds() {
        assertEquals(1500.0, InsideOutside.toMillis(1.5, "s"));
        assertEquals(2.0, InsideOutside.toMillis(2000, "us"));
        assertEquals(0.003, InsideOutside.toMillis(3000, "ns"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> InsideOutside.toMillis(1, "MiB/s"));
    }
}
