package dev.rtbench.harness.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.rtbench.harness.io.AtomicFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code results.json}.
 *
 * <p>Writes go to a temporary file that is renamed over the old one, so a crash mid-write never leaves a
 * half-written results file: what finished before stays readable.
 */
public final class ResultsJson {

    public static final String FILE_NAME = "results.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // NaN marks a failed sample; JSON has no NaN literal, so allow Jackson's non-standard one both ways
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ResultsJson() {}

    /** The mapper, for callers that write other JSON files of a run alike. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code results} atomically to {@code file}. */
    public static void write(RunResults results, Path file) {
        try {
            AtomicFile.write(file, MAPPER.writeValueAsBytes(results));
        } catch (IOException e) {
            throw new ResultsFormatException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a results.json, or a run folder that holds one.
     *
     * @throws ResultsFormatException naming the file and what is wrong with it
     */
    public static RunResults read(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(FILE_NAME) : fileOrDir;
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new ResultsFormatException(file + ": no such file; give a run folder that holds " + FILE_NAME
                    + " or the path of a results.json");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ResultsFormatException(file + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ResultsFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ResultsFormatException(file + " is not an rtbench results file: expected a JSON object");
        }
        JsonNode version = tree.get("formatVersion");
        if (version == null || !version.isInt()) {
            throw new ResultsFormatException(file + " is not an rtbench results file: it has no integer"
                    + " \"formatVersion\" (a JMH result file? give the rtbench results.json of the run)");
        }
        int v = version.intValue();
        if (v < RunResults.OLDEST_READABLE_VERSION || v > RunResults.FORMAT_VERSION) {
            throw new ResultsFormatException(file + " has formatVersion " + v + "; this rtbench reads versions "
                    + RunResults.OLDEST_READABLE_VERSION + " to " + RunResults.FORMAT_VERSION);
        }
        for (String field : new String[] {"runId", "config", "samples"}) {
            if (!tree.hasNonNull(field)) {
                throw new ResultsFormatException(file + " is missing \"" + field + "\"");
            }
        }
        if (!tree.get("samples").isArray()) {
            throw new ResultsFormatException(file + ": \"samples\" must be an array");
        }
        // Jackson would read a null value as 0.0 and the string "NaN" as NaN: a value must be a finite number unless
        // the sample says why it failed, or statistics would silently count a broken sample. Zero and below are
        // read: what they mean is the analysis's to decide per metric (NonPositiveValues), and the run stays readable
        int at = 0;
        for (JsonNode s : tree.get("samples")) {
            JsonNode value = s == null ? null : s.get("value");
            boolean failed = s != null && s.hasNonNull("failure");
            if (s != null && s.isObject() && !failed) {
                String name = (s.path("workload").asText("?") + "/" + s.path("metric").asText("?") + " under "
                        + s.path("runtime").asText("?")).replaceAll("\\p{Cntrl}", "");
                if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue())) {
                    throw new ResultsFormatException(file + ": sample " + at + " (" + name + ") has value "
                            + (value == null ? "missing" : value.toString().replaceAll("\\p{Cntrl}", ""))
                            + " but no failure: a value must be a finite number unless the sample records why it"
                            + " failed");
                }
            }
            at++;
        }
        RunResults results;
        try {
            results = MAPPER.treeToValue(tree, RunResults.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ResultsFormatException(file + " does not match the results schema: " + schemaProblem(e), e);
        }
        int i = 0;
        for (Sample s : results.samples()) {
            if (s == null) {
                throw new ResultsFormatException(file + ": sample " + i + " is null");
            }
            i++;
        }
        return v == 1 ? fromVersion1(results) : results;
    }

    /**
     * What is wrong, in the file's terms: where ({@code samples[3]}) and the field's own complaint ("runtime was not
     * specified"), not the class Jackson failed to build.
     */
    private static String schemaProblem(Exception e) {
        if (!(e instanceof JsonMappingException jme)) {
            return e.getMessage();
        }
        StringBuilder where = new StringBuilder();
        for (JsonMappingException.Reference r : jme.getPath()) {
            if (r.getFieldName() != null) {
                where.append(where.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                where.append('[').append(r.getIndex()).append(']');
            }
        }
        Throwable cause = jme.getCause();
        String what = cause != null && cause.getMessage() != null ? cause.getMessage()
                : jme.getOriginalMessage().replaceAll("`[a-z]+(\\.[a-z]+)+\\.([A-Za-z$]+)`", "$2");
        return (where.length() == 0 ? "" : where + ": ") + what.replaceAll("\\p{Cntrl}", "");
    }

    /**
     * Version 1 ran each runtime as one block per round: its samples' block is their round, and each round's
     * order is its block order.
     */
    private static RunResults fromVersion1(RunResults r) {
        List<Sample> samples = r.samples().stream().map(s -> new Sample(s.runtime(), s.workload(), s.metric(),
                s.value(), s.unit(), s.direction(), s.round(), s.round(), s.fork(), s.iteration(), s.containerId(),
                s.verifiedRuntime(), s.failure(), s.interrupted())).toList();
        RunConfig c = r.config();
        List<BlockOrder> blocks = new ArrayList<>();
        for (int round = 0; round < c.roundOrder().size(); round++) {
            blocks.add(new BlockOrder(round, round, c.workloads(), c.roundOrder().get(round)));
        }
        RunConfig config = new RunConfig(c.runtimes(), c.baseline(), c.workloads(), c.profile(), c.image(),
                c.roundOrder(), blocks, c.phaseCalls());
        return new RunResults(r.formatVersion(), r.runId(), r.started(), r.finished(), r.status(), r.environment(),
                config, samples, r.notes());
    }
}
