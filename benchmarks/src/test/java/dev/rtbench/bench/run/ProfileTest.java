package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void roundsAreExactAndUnboundedInTimeUnlessABudgetIsGivenAfter() {
        Profile p = Profile.SMOKE.withRounds(3);
        assertEquals(3, p.minRounds());
        assertEquals(3, p.maxRounds());
        assertEquals(Profile.SMOKE.scale(), p.scale());
        // a day-long round on a slow machine still fits, and the sum the run checks does not overflow
        Duration slowRound = Duration.ofDays(1);
        assertTrue(slowRound.multipliedBy(3).compareTo(p.budget()) < 0);
        assertEquals(Duration.ofMinutes(10), p.withBudget(Duration.ofMinutes(10)).budget());
    }
}
