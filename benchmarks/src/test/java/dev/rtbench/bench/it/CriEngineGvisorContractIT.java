package dev.rtbench.bench.it;

import org.junit.jupiter.api.Tag;

/** The {@link CriEngineContractIT} contract under the gVisor handler (runsc through containerd's runc shim). */
@Tag("docker")
class CriEngineGvisorContractIT extends CriEngineContractIT {
    @Override
    protected String runtime() {
        return "runsc";
    }
}
