package dev.rtbench.bench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rtbench.harness.engine.docker.InstalledDockerd;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import joptsimple.OptionSet;

/**
 * {@code runtimes}: every runtime of the catalogue, found or not, its version and the daemon.json entry it needs
 * on this host's Docker.
 */
public final class RuntimesCommand extends OptionCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RuntimesCommand() {
        super("runtimes", 0);
    }

    @Override
    protected String usage() {
        return "usage: java -jar benchmarks.jar runtimes\n  lists each known runtime, whether it is installed and can"
                + " run here, its version and its daemon.json entry";
    }

    @Override
    protected int execute(OptionSet o, List<String> operands, PrintStream out, PrintStream err) {
        int docker = InstalledDockerd.localMajor();
        out.println("Docker engine on this host: " + (docker > 0 ? InstalledDockerd.local() : "not installed (apt-get install docker.io)"));
        out.println();
        for (Map.Entry<RuntimeProfile, Detection> e : RuntimeCatalogue.detectAll().entrySet()) {
            RuntimeProfile p = e.getKey();
            Detection d = e.getValue();
            String status = !d.installed() ? "NOT FOUND" : d.usable() ? "found" : "CANNOT RUN";
            out.printf("%-15s %-10s %s%n", p.name(), status, p.description());
            if (d.installed()) {
                out.println("    binary:   " + d.path() + (d.version() == null ? "" : "  (" + d.version() + ")"));
                if (p.kind() == RuntimeKind.GVISOR) {
                    out.println("    platform: " + orUnknown(RuntimeCatalogue.gvisorPlatform(p, d.version())));
                }
            }
            if (d.problem() != null) {
                out.println("    why:      " + d.problem());
            }
            out.println("    entry:    " + entry(p, d, docker));
        }
        out.println();
        out.println("cri-o        not a runtime   a Kubernetes engine (CRI) that runs runc or crun itself;"
                + " Docker cannot register it: benchmark runc or crun instead");
        return 0;
    }

    private static String entry(RuntimeProfile p, Detection d, int docker) {
        if (p.builtIn()) {
            return "(built into dockerd: no entry needed)";
        }
        try {
            return "\"" + p.name() + "\": " + JSON.writeValueAsString(p.daemonEntry(d.path(), docker)
                    .map(RuntimeEntry::toJsonMap).orElse(Map.of()));
        } catch (IllegalArgumentException ex) {
            return ex.getMessage();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
