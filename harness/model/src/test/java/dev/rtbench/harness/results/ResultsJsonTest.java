package dev.rtbench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtbench.harness.stats.SyntheticRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {

    /** A synthetic run written out, with sample {@code i}'s field changed in its JSON. */
    private static Path withSampleField(Path dir, int i, String field, Object value) throws Exception {
        Path file = dir.resolve(ResultsJson.FILE_NAME);
        ResultsJson.write(SyntheticRuns.run(1, 2), file);
        var mapper = ResultsJson.mapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(file.toFile());
        ObjectNode sample = (ObjectNode) tree.get("samples").get(i);
        if (value == null) {
            sample.putNull(field);
        } else {
            sample.put(field, ((Number) value).doubleValue());
        }
        mapper.writeValue(file.toFile(), tree);
        return file;
    }

    @Test
    void aRunWithAZeroOrNegativeValueStaysReadable(@TempDir Path dir) throws Exception {
        // once refused whole ("ratios of medians need positive values"): the run could not even be reported
        assertEquals(0.0, ResultsJson.read(withSampleField(dir, 0, "value", 0)).samples().get(0).value());
        assertEquals(-3.0, ResultsJson.read(withSampleField(dir, 1, "value", -3)).samples().get(1).value());
    }

    @Test
    void aSampleWithoutItsRuntimeIsNamedInTheFilesTermsNotJacksons(@TempDir Path dir) throws Exception {
        Path file = withSampleField(dir, 3, "runtime", null);
        String msg = assertThrows(ResultsFormatException.class, () -> ResultsJson.read(file)).getMessage();
        assertTrue(msg.contains("samples[3]") && msg.contains("runtime was not specified"), msg);
        assertFalse(msg.contains("dev.rtbench") || msg.contains("Cannot construct"), msg);
    }
}
