package dev.rtbench.bench.cli;

import dev.rtbench.harness.containerdconfig.InstalledContainerd;
import dev.rtbench.harness.io.Executables;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@code configure --containerd-config} asks of this host: where a containerd shim binary is
 * (containerd looks for {@code containerd-shim-NAME-vN} on its PATH), and the installed containerd's
 * version, which decides the version of a new config.toml. Tests pass fixed answers.
 */
record CriHost(Function<String, Optional<Path>> shims, Supplier<String> containerdVersion) {

    /** This host: shims on PATH and root's tool folders, {@code containerd --version}. */
    static CriHost local() {
        return new CriHost(name -> Executables.find(name, Executables.hostDirs()), InstalledContainerd::version);
    }
}
