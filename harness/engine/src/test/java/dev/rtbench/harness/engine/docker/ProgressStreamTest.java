package dev.rtbench.harness.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.engine.EngineException;
import org.junit.jupiter.api.Test;

/** The daemon's answers to an import and a build, in the shape dockerd 20.10 sends them (CRLF between messages). */
class ProgressStreamTest {

    static final String IMPORT_OK = "{\"status\":\"sha256:5f7c0e4b1a0a3e9d2c1b0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c\"}\r\n";

    static final String BUILD_OK = """
            {"stream":"Step 1/3 : FROM user/minimal:1"}\r
            {"stream":"\\n"}\r
            {"stream":" ---\\u003e 1c6d3f0a2b4e\\n"}\r
            {"stream":"Step 2/3 : COPY rtbench /rtbench"}\r
            {"stream":"\\n"}\r
            {"stream":" ---\\u003e 7a9e2f1c3d5b\\n"}\r
            {"stream":"Step 3/3 : RUN echo an \\"error\\" in a log line is not a failure"}\r
            {"aux":{"ID":"sha256:7a9e2f1c3d5b8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f"}}\r
            {"stream":"Successfully built 7a9e2f1c3d5b\\n"}\r
            {"stream":"Successfully tagged rtbench/workload-layer:abc\\n"}\r
            """;

    static final String BUILD_FAILED = """
            {"stream":"Step 1/3 : FROM user/minimal:1"}\r
            {"stream":"Step 3/3 : RUN false"}\r
            {"stream":" ---\\u003e Running in 3e1f2a9b8c7d\\n"}\r
            {"errorDetail":{"code":1,"message":"The command '/bin/sh -c false' returned a non-zero code: 1"},\
            "error":"The command '/bin/sh -c false' returned a non-zero code: 1"}\r
            """;

    static final String IMPORT_FAILED = "{\"errorDetail\":{\"message\":\"unexpected EOF\"},\"error\":\"unexpected EOF\"}\r\n";

    @Test
    void successfulStreamsReportNoError() {
        assertNull(ProgressStream.error(IMPORT_OK));
        assertNull(ProgressStream.error(BUILD_OK));
        assertEquals(10, ProgressStream.messages(BUILD_OK).size());
        ProgressStream.check("build image x", BUILD_OK);
        assertNull(ProgressStream.error(""));
    }

    @Test
    void anErrorMessageFailsWithTheDaemonsWords() {
        assertEquals("The command '/bin/sh -c false' returned a non-zero code: 1", ProgressStream.error(BUILD_FAILED));
        EngineException e = assertThrows(EngineException.class, () -> ProgressStream.check("import image a:b",
                IMPORT_OK + IMPORT_FAILED));
        assertEquals("import image a:b failed: unexpected EOF", e.getMessage());
        assertEquals("x", ProgressStream.error("{\"error\":\"x\"}"));
        assertEquals("{\"code\":7}", ProgressStream.error("{\"errorDetail\":{\"code\":7}}"));
    }

    @Test
    void anAnswerThatIsNotJsonLinesIsAnError() {
        EngineException e = assertThrows(EngineException.class, () -> ProgressStream.check("build image x",
                "{\"stream\":\"Step 1/1\"}\n<html>502 Bad Gateway</html>"));
        assertTrue(e.getMessage().startsWith("the daemon's progress stream is not JSON lines"), e.getMessage());
    }
}
