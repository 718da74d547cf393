package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.stats.RankTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecisionTest {

    @Test
    void moreComparisonsNeedMoreBlocksBeforeAnythingCanBeSignificant() {
        // 2/2^n x m < 0.05: 40 comparisons need 11 blocks, 100 need 12, 200 need 13
        assertEquals(11, RankTest.fewestBlocks(40, 0.05));
        assertEquals(12, RankTest.fewestBlocks(100, 0.05));
        assertEquals(13, RankTest.fewestBlocks(200, 0.05));
        assertEquals(6, RankTest.fewestBlocks(1, 0.05));
    }

    @Test
    void theTargetIsReachedOnlyWhenEveryComparisonReachesIt() {
        var ok = new Precision.Width("start", "start/time runsc", 0.03, true);
        var wide = new Precision.Width("create", "create/time runsc", 0.2, false);
        assertTrue(Precision.allReached(List.of(ok)));
        assertFalse(Precision.allReached(List.of(ok, wide)));
        assertFalse(Precision.allReached(List.of()), "nothing compared is not precise");
        String s = Precision.summary(List.of(ok, wide), 0.05);
        assertTrue(s.contains("1 of 2") && s.contains("create/time runsc +-20.0%"), s);
    }
}
