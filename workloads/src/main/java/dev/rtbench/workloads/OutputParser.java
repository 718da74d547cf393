package dev.rtbench.workloads;

import java.util.List;

/** Reads the figures a workload printed about itself out of the output of one run. */
@FunctionalInterface
public interface OutputParser {

    /**
     * The parser of lifecycle workloads: the harness times those from outside and their
     * containers print nothing worth parsing, so it returns no measurements for any output.
     */
    OutputParser NONE = (stdout, stderr) -> List.of();

    /**
     * @param stdout everything the workload wrote to standard output
     * @param stderr everything it wrote to standard error
     * @return the workload's own measurements, in a fixed order, the headline figure first
     * @throws WorkloadOutputException when the output is not what a successful run prints,
     *                                 e.g. because the command failed
     */
    List<Measurement> parse(String stdout, String stderr);
}
