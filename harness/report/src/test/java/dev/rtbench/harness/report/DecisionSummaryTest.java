package dev.rtbench.harness.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.chart.ChartFile;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SyntheticRuns;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionSummaryTest {

    private final RunAnalysis run = RunAnalysis.of(SyntheticRuns.run(1, 10));
    private final Optional<ChartFile> chart = Optional.of(new ChartFile("headline", "headline",
            Path.of("charts/headline.png"), Path.of("charts/headline.svg"), List.of()));

    @Test
    void aShortTableComesBeforeTheChart() {
        List<Block> blocks = DecisionSummary.blocks(run, chart, 1000);
        assertTrue(at(blocks, Block.Table.class) < at(blocks, Block.Chart.class), blocks.toString());
    }

    @Test
    void aLongTableComesAfterTheChart() {
        List<Block> blocks = DecisionSummary.blocks(run, chart, 1);
        int table = at(blocks, Block.Table.class);
        assertTrue(((Block.Table) blocks.get(table)).rows().size() > 1, blocks.toString());
        assertTrue(at(blocks, Block.Chart.class) < table, blocks.toString());
        assertTrue(blocks.stream().anyMatch(b -> b instanceof Block.Paragraph p && p.text().contains("the table below")),
                blocks.toString());
    }

    private static int at(List<Block> blocks, Class<?> kind) {
        for (int i = 0; i < blocks.size(); i++) {
            if (kind.isInstance(blocks.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + kind.getSimpleName() + " in " + blocks);
    }
}
