package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CriEndpointTest {

    @Test
    void readsTheKubeletsFormAndABarePath() {
        assertEquals(Path.of("/run/containerd/containerd.sock"),
                CriEndpoint.parse("unix:///run/containerd/containerd.sock").socket());
        assertEquals(Path.of("/var/run/crio/crio.sock"), CriEndpoint.parse(" /var/run/crio/crio.sock ").socket());
        assertEquals("unix:///tmp/x/c.sock", CriEndpoint.parse("unix:///tmp/x/../x/c.sock").target());
        assertEquals(CriEndpoint.CONTAINERD, CriEndpoint.parse("unix:///run/containerd/containerd.sock"));
    }

    @Test
    void refusesWhatIsNotAUnixSocketSayingTheForm() {
        for (String bad : new String[] {"tcp://127.0.0.1:10010", "npipe:////./pipe/containerd", "run/x.sock",
                "unix://relative.sock", "unix://", ""}) {
            var e = assertThrows(IllegalArgumentException.class, () -> CriEndpoint.parse(bad), bad);
            assertTrue(e.getMessage().contains("unix:///run/containerd/containerd.sock"), e.getMessage());
        }
    }
}
