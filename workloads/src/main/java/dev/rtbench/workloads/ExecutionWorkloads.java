package dev.rtbench.workloads;

import static dev.rtbench.workloads.Workloads.SCRIPT_DIR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How the catalogue's sections describe an execution workload: a script of the image run with
 * fixed arguments and then its sizes, its output handed to a parser, and the untimed setup and
 * cleanup execs around each sample.
 */
final class ExecutionWorkloads {

    private ExecutionWorkloads() {
    }

    /** Path in the image of the script of execution workload {@code name}. */
    static String scriptPath(String name) {
        return SCRIPT_DIR + "/" + name + ".sh";
    }

    /** A workload that runs its own script, {@link #scriptPath}, with the sizes as its arguments. */
    static Workload execution(String name, String stresses, String unit, Map<String, Long> sizes,
                              Function<ScriptOutput, List<Measurement>> measure) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", scriptPath(name)));
        sizes.values().forEach(v -> command.add(Long.toString(v)));
        OutputParser parser = (stdout, stderr) -> measure.apply(ScriptOutput.of(name, stdout, stderr));
        return new Workload(name, WorkloadKind.EXECUTION, stresses, command, sizes, unit, parser);
    }

    /** {@code w} with an untimed setup exec before each sample. */
    static Workload withSetup(Workload w, List<String> setup, List<String> cleanup) {
        return new Workload(w.name(), w.kind(), w.stresses(), w.command(), w.sizes(), w.unit(), w.parser(), setup,
                cleanup, Optional.empty(), w.requires(), Optional.empty(), w.timeoutSeconds());
    }

    /** An execution workload that runs a standard tool through {@code script} with fixed arguments, then the sizes. */
    static Workload tool(String name, String stresses, String unit, List<String> scriptAndArgs,
                         Map<String, Long> sizes, List<HostTool> tools,
                         BiFunction<ToolOutput, String, List<Measurement>> measure) {
        return tool(name, stresses, unit, scriptAndArgs, sizes, tools, List.of(), List.of(), Optional.empty(), measure);
    }

    static Workload tool(String name, String stresses, String unit, List<String> scriptAndArgs,
                         Map<String, Long> sizes, List<HostTool> tools, List<String> setup,
                         List<String> cleanup, Optional<String> volume,
                         BiFunction<ToolOutput, String, List<Measurement>> measure) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT_DIR + "/" + scriptAndArgs.get(0)));
        command.addAll(scriptAndArgs.subList(1, scriptAndArgs.size()));
        sizes.values().forEach(v -> command.add(Long.toString(v)));
        OutputParser parser = (stdout, stderr) -> measure.apply(new ToolOutput(name, stdout, stderr), name);
        return new Workload(name, WorkloadKind.EXECUTION, stresses, command, sizes, unit, parser, setup, cleanup,
                volume, tools.stream().map(HostTool::path).toList(), Optional.empty(), 0);
    }

    /** Sizes as name, value pairs, in the order the script takes them. */
    static Map<String, Long> sizes(Object... nameValue) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            sizes.put((String) nameValue[i], ((Number) nameValue[i + 1]).longValue());
        }
        return sizes;
    }
}
