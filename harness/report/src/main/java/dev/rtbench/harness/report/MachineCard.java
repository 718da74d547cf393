package dev.rtbench.harness.report;

import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.RunResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code machine.md}: the machine a run measured and the runtimes it ran, on one page that travels with the
 * figures. Published runs are grouped by machine fingerprint, each group with this card, because ratios depend on
 * the machine far more than on noise.
 */
public final class MachineCard {

    public static final String FILE_NAME = "machine.md";

    private MachineCard() {}

    /** The card's Markdown. */
    public static String markdown(RunResults r, Path dir) {
        Environment env = r.environment();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Heading(1, Environment.fingerprintOf(env).map(f -> "Machine " + f)
                .orElse("Machine (not recorded)")));
        blocks.add(new Block.Paragraph("As recorded by run " + r.runId() + " (" + (r.started() == null ? "date unknown"
                : r.started().toString().substring(0, 10)) + ", rtbench commit " + (env == null ? "unknown"
                : env.gitCommit()) + "). Runs with this fingerprint ran on machines alike in all of what follows."));
        blocks.addAll(EnvironmentSection.caveats(env));
        blocks.addAll(EnvironmentSection.blocks(env));
        return MarkdownReport.render(blocks, dir);
    }
}
