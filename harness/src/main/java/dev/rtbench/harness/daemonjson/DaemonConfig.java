package dev.rtbench.harness.daemonjson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Docker's daemon.json as text, with the {@code runtimes} and {@code default-runtime} keys
 * understood and editable. Immutable: every edit returns a new instance.
 *
 * <p>Edits splice the text instead of re-serialising it, so every key rtbench does not manage
 * ({@code log-opts}, {@code registry-mirrors}, {@code features}, anything unknown) keeps its value,
 * order, whitespace and line endings byte for byte. New text follows the file's own style
 * (indent unit, CRLF or LF, compact or one key per line).
 *
 * <p>Parsing refuses what Docker itself would refuse to load (syntax errors, wrong types of the
 * managed keys, trailing content) with {@code file:line:column}. Docker's semantic rules
 * (reserved names, {@code path} xor {@code runtimeType}, ...) are reported by
 * {@link #problems(DockerVersion)} and enforced by {@link #validate(DockerVersion)}; whether the
 * binaries exist is a separate check, {@link #pathProblems()}, so a dry run on another machine
 * can still show everything else.
 */
public final class DaemonConfig {

    static final String RUNTIMES = "runtimes";
    static final String DEFAULT_RUNTIME = "default-runtime";
    /** The built-in runtime; Docker refuses it as a configured name (daemon/config: StockRuntimeName). */
    public static final String STOCK_RUNTIME = "runc";
    /** The built-in containerd runc v2 shim; usable as default-runtime on Docker &gt;= 23 without an entry. */
    public static final String RUNC_V2_SHIM = "io.containerd.runc.v2";
    private static final String RUNC_V1_SHIM = "io.containerd.runtime.v1.linux";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Where a config came from, so a write can refuse if the file changed since it was read. */
    record Origin(Path file, byte[] bytes) {
    }

    /** A key/value pair in an object: offsets into the text, value end exclusive. */
    record Member(String name, int keyStart, int keyEnd, int valueStart, int valueEnd) {
    }

    /** An object's braces (offsets of '{' and '}') and its members in document order. */
    record ObjectSpan(int open, int close, List<Member> members) {
        Member member(String name) {
            for (Member m : members) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            return null;
        }
    }

    private final String text;
    private final String sourceName;
    private final Origin origin;
    private final ObjectSpan root;              // null for a blank document
    private final Member runtimesMember;        // null when absent
    private final ObjectSpan runtimesObject;    // null when absent or "runtimes": null
    private final Member defaultMember;         // null when absent
    private final String defaultRuntime;        // null when absent, null or ""
    private final Map<String, RuntimeEntry> runtimes;
    private final Map<String, ObjectSpan> entrySpans;   // each runtime's object, for edits that keep unknown fields

    private DaemonConfig(String text, String sourceName, Origin origin, Parsed p) {
        this.text = text;
        this.sourceName = sourceName;
        this.origin = origin;
        this.root = p.root;
        this.runtimesMember = p.runtimesMember;
        this.runtimesObject = p.runtimesObject;
        this.defaultMember = p.defaultMember;
        this.defaultRuntime = p.defaultRuntime;
        this.runtimes = Collections.unmodifiableMap(p.runtimes);
        this.entrySpans = p.entrySpans;
    }

    // ---------------------------------------------------------------- creation

    /**
     * Parses daemon.json text. {@code sourceName} names it in messages (usually the file path).
     *
     * @throws DaemonConfigException with line and column when Docker would not load the text
     */
    public static DaemonConfig parse(String text, String sourceName) {
        Objects.requireNonNull(text, "daemon.json text was not specified");
        String name = sourceName == null ? "daemon.json" : sourceName;
        return new DaemonConfig(text, name, null, new Parser(text, name).parse());
    }

    /** An empty configuration (no file yet); the first edit creates a document. */
    public static DaemonConfig empty() {
        return parse("", "daemon.json");
    }

    /**
     * Reads and parses a daemon.json file.
     *
     * @throws DaemonConfigException if the file does not exist (pass the create option to start
     *                               a new one), cannot be read, is not UTF-8 or is not valid
     */
    public static DaemonConfig load(Path file) {
        return load(file, false);
    }

    /** Like {@link #load(Path)}, but a missing file gives an empty config when {@code createIfMissing}. */
    public static DaemonConfig load(Path file, boolean createIfMissing) {
        Objects.requireNonNull(file, "daemon.json path was not specified");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (!createIfMissing) {
                throw new DaemonConfigException(file + " does not exist: pass the create option to start a new "
                        + "daemon.json, or point rtbench at the file your dockerd reads (dockerd --config-file)");
            }
            return new DaemonConfig("", file.toString(), new Origin(file, null), new Parser("", file.toString()).parse());
        } catch (IOException e) {
            throw new DaemonConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text = decode(bytes, file.toString());
        return new DaemonConfig(text, file.toString(), new Origin(file, bytes), new Parser(text, file.toString()).parse());
    }

    static String decode(byte[] bytes, String sourceName) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new DaemonConfigException(sourceName + " is UTF-16 encoded: rtbench edits UTF-8 daemon.json only; "
                    + "convert it (e.g. iconv -f UTF-16 -t UTF-8) and try again");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DaemonConfigException(sourceName + " is not valid UTF-8, which Docker requires: fix the file by hand", e);
        }
    }

    // ---------------------------------------------------------------- reading

    /** The exact text to write: untouched parts are the original characters. */
    public String text() {
        return text;
    }

    /** The name used in messages (the file path when loaded). */
    public String sourceName() {
        return sourceName;
    }

    Origin origin() {
        return origin;
    }

    /** The configured runtimes in document order (unmodifiable). */
    public Map<String, RuntimeEntry> runtimes() {
        return runtimes;
    }

    /** {@code default-runtime}, if set to a non-empty string. */
    public Optional<String> defaultRuntime() {
        return Optional.ofNullable(defaultRuntime);
    }

    /** Where a runtime's key is in the text, as {@code file:line:column}, or just the file name. */
    public String locationOf(String runtimeName) {
        Member m = runtimesObject == null ? null : runtimesObject.member(runtimeName);
        return m == null ? sourceName : where(text, sourceName, m.keyStart());
    }

    // ---------------------------------------------------------------- validation

    /** {@link #problems(DockerVersion)} with the version as text ({@code 20.10.24+dfsg1}); null = unknown. */
    public List<String> problems(String dockerVersion) {
        return problems(DockerVersion.parseNullable(dockerVersion));
    }

    /**
     * Docker's own rules for {@code runtimes} and {@code default-runtime}, every violation listed.
     * With a null version the rules of Docker &gt;= 23 apply (runtimeType allowed).
     * Rules, as moby applies them:
     * <ul>
     *   <li>{@code runc} is reserved (daemon/config/config.go Validate, all versions);</li>
     *   <li>exactly one of {@code path}/{@code runtimeType}; {@code options} only with {@code path}
     *       absent; {@code runtimeArgs} only with {@code path} (daemon/runtime_unix.go, 23+);</li>
     *   <li>{@code runtimeType}/{@code options} need 23.0: 20.10's types.Runtime has no such fields
     *       and silently ignores them;</li>
     *   <li>before 24, entries named after the built-in shims are silently replaced by the
     *       built-ins (configureRuntimes in daemon/runtime_unix.go 20.10 and 23.0);</li>
     *   <li>{@code default-runtime} must be {@code runc}, a configured runtime, or (23+)
     *       {@code io.containerd.runc.v2} or a containerd shim name.</li>
     * </ul>
     */
    public List<String> problems(DockerVersion docker) {
        List<String> out = new ArrayList<>();
        boolean shimAware = docker == null || docker.atLeast(DockerVersion.SHIM_RUNTIMES.major(), DockerVersion.SHIM_RUNTIMES.minor());
        for (Map.Entry<String, RuntimeEntry> e : runtimes.entrySet()) {
            String name = e.getKey();
            RuntimeEntry rt = e.getValue();
            String at = locationOf(name) + ": runtime \"" + name + "\": ";
            if (name.equals(STOCK_RUNTIME)) {
                out.add(at + "the name \"runc\" is reserved by Docker for its built-in runc; "
                        + "choose another name (e.g. \"runc-custom\")");
            }
            if (docker != null && !docker.atLeast(24, 0)
                    && (name.equals(RUNC_V2_SHIM) || (!docker.atLeast(23, 0) && name.equals(RUNC_V1_SHIM)))) {
                out.add(at + "Docker " + docker + " silently replaces an entry with this name by its built-in runtime; "
                        + "choose another name");
            }
            if (!rt.hasPath() && !rt.hasRuntimeType()) {
                out.add(at + (shimAware
                        ? "either \"path\" or \"runtimeType\" must be configured"
                        : "\"path\" must be configured"));
            }
            if (rt.hasPath() && rt.hasRuntimeType()) {
                out.add(at + "cannot configure both \"path\" and \"runtimeType\": keep \"path\" for a runc-compatible "
                        + "binary, or \"runtimeType\" for a containerd shim");
            }
            if (rt.hasPath() && !rt.options().isEmpty()) {
                out.add(at + "\"options\" cannot be used with \"path\" (options go to a containerd shim set by "
                        + "\"runtimeType\"; use \"runtimeArgs\" for a path runtime)");
            }
            if (!rt.hasPath() && rt.hasRuntimeType() && !rt.runtimeArgs().isEmpty()) {
                out.add(at + "\"runtimeArgs\" cannot be used with \"runtimeType\" (use \"options\", or \"path\" with "
                        + "\"runtimeArgs\")");
            }
            if (!shimAware && (rt.hasRuntimeType() || !rt.options().isEmpty())) {
                out.add(at + "\"runtimeType\"/\"options\" need Docker >= " + DockerVersion.SHIM_RUNTIMES + ", but this daemon is "
                        + docker + ", which ignores them; use \"path\" (+ \"runtimeArgs\") or upgrade Docker");
            }
        }
        if (defaultRuntime != null) {
            boolean known = defaultRuntime.equals(STOCK_RUNTIME) || runtimes.containsKey(defaultRuntime)
                    || (shimAware && (defaultRuntime.equals(RUNC_V2_SHIM) || isShimName(defaultRuntime)));
            if (!known) {
                String at = where(text, sourceName, defaultMember.valueStart());
                out.add(at + ": default-runtime \"" + defaultRuntime + "\" does not exist: configured runtimes are "
                        + new ArrayList<>(runtimes.keySet()) + " (plus the built-in \"runc\")"
                        + (shimAware
                        ? "; add it under \"runtimes\", or name a containerd shim such as io.containerd.runsc.v1"
                        : "; add it under \"runtimes\" first (Docker " + docker + " takes no shim names here)"));
            }
        }
        return List.copyOf(out);
    }

    /** Throws a {@link DaemonConfigException} listing all {@link #problems(DockerVersion)}, if any. */
    public DaemonConfig validate(DockerVersion docker) {
        List<String> problems = problems(docker);
        if (!problems.isEmpty()) {
            throw DaemonConfigException.of(sourceName + " breaks Docker's rules for runtimes"
                    + (docker == null ? "" : " (Docker " + docker + ")") + "; nothing was written:", problems);
        }
        return this;
    }

    /** {@link #validate(DockerVersion)} with the version as text; null = unknown. */
    public DaemonConfig validate(String dockerVersion) {
        return validate(DockerVersion.parseNullable(dockerVersion));
    }

    /**
     * Whether a name is one containerd accepts as a runtime (shim) name, as moby's
     * isPermissibleC8dRuntimeName: not absolute, no '/', at least two dot-separated parts with a
     * non-empty first one ({@code io.containerd.kata.v2} resolves to {@code containerd-shim-kata-v2}).
     */
    public static boolean isShimName(String name) {
        if (name == null || name.startsWith("/") || name.indexOf('/') >= 0) {
            return false;
        }
        String[] parts = name.split("\\.", -1);
        return parts.length >= 2 && !parts[0].isEmpty();
    }

    /** {@link #pathProblems(String)} against this process's PATH. */
    public List<String> pathProblems() {
        return pathProblems(System.getenv("PATH"));
    }

    /**
     * Checks that every {@code path} runtime resolves to an executable file, the way dockerd does
     * (Go's exec.LookPath: a name with a '/' is used as is, a bare name is searched on PATH).
     * dockerd uses its own PATH, so pass the daemon's when it differs from ours.
     */
    public List<String> pathProblems(String searchPath) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, RuntimeEntry> e : runtimes.entrySet()) {
            RuntimeEntry rt = e.getValue();
            if (!rt.hasPath()) {
                continue;
            }
            String problem = Executables.problem(rt.path(), searchPath);
            if (problem != null) {
                out.add(locationOf(e.getKey()) + ": runtime \"" + e.getKey() + "\": " + problem);
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- editing

    /**
     * Adds or replaces runtime {@code name} whole; an equal existing entry leaves the text as it is.
     *
     * @throws DaemonConfigException when the name or arguments break {@link RuntimeInput}'s rules
     *                               (Docker makes a file and a shell script of them)
     */
    public DaemonConfig withRuntime(String name, RuntimeEntry entry) {
        requireSafe(name, entry);
        if (entry.equals(runtimes.get(name))) {
            return this;
        }
        Map<String, Object> value = entry.toJsonMap();
        if (runtimesObject != null) {
            Member existing = runtimesObject.member(name);
            if (existing != null) {
                return replaceValue(existing, value);
            }
            return insertMember(runtimesObject, name, value);
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put(name, value);
        if (runtimesMember != null) {   // "runtimes": null
            return replaceValue(runtimesMember, wrapped);
        }
        return insertTopLevel(RUNTIMES, wrapped);
    }

    /**
     * Sets the fields rtbench manages ({@code path}, {@code runtimeArgs}, {@code runtimeType},
     * {@code options}) of runtime {@code name} to {@code entry}'s, removing those {@code entry}
     * lacks, and keeps every other field of the existing entry (Docker ignores unknown fields, but
     * their owner may not) and its layout. Adds the runtime when absent.
     */
    public DaemonConfig withRuntimeFields(String name, RuntimeEntry entry) {
        requireSafe(name, entry);
        RuntimeEntry old = runtimes.get(name);
        if (old == null || entrySpans.get(name) == null) {
            return withRuntime(name, entry);
        }
        if (entry.equals(old)) {
            return this;
        }
        Map<String, Object> wanted = entry.toJsonMap();
        Map<String, Object> had = old.toJsonMap();
        DaemonConfig c = this;
        for (String field : List.of("path", "runtimeArgs", "runtimeType", "options")) {
            ObjectSpan span = c.entrySpans.get(name);
            Member m = span.member(field);
            Object value = wanted.get(field);
            if (value == null) {
                c = m == null ? c : c.removeMember(span, m);
            } else if (m == null) {
                c = c.insertMember(span, field, value);
            } else if (!value.equals(had.get(field))) {
                c = c.replaceValue(m, value);
            }
        }
        return c;
    }

    private static void requireSafe(String name, RuntimeEntry entry) {
        Objects.requireNonNull(name, "runtime name was not specified");
        Objects.requireNonNull(entry, "runtime entry was not specified");
        List<String> problems = RuntimeInput.problems(name, entry, false);
        if (!problems.isEmpty()) {
            throw new DaemonConfigException(String.join("; ", problems));
        }
    }

    /** Removes runtime {@code name} if present (no-op otherwise); may leave {@code "runtimes": {}}. */
    public DaemonConfig withoutRuntime(String name) {
        Objects.requireNonNull(name, "runtime name was not specified");
        Member m = runtimesObject == null ? null : runtimesObject.member(name);
        return m == null ? this : removeMember(runtimesObject, m);
    }

    /** Sets {@code default-runtime}, or removes the key when {@code nameOrNull} is null. */
    public DaemonConfig withDefaultRuntime(String nameOrNull) {
        if (nameOrNull == null) {
            return defaultMember == null ? this : removeMember(root, defaultMember);
        }
        if (nameOrNull.isEmpty()) {
            throw new IllegalArgumentException("default-runtime must not be empty: pass null to remove it");
        }
        if (defaultMember != null) {
            if (nameOrNull.equals(defaultRuntime)) {
                return this;
            }
            return replaceValue(defaultMember, nameOrNull);
        }
        return insertTopLevel(DEFAULT_RUNTIME, nameOrNull);
    }

    private DaemonConfig splice(int start, int end, String replacement) {
        String next = text.substring(0, start) + replacement + text.substring(end);
        return new DaemonConfig(next, sourceName, origin, new Parser(next, sourceName).parse());
    }

    private DaemonConfig replaceValue(Member m, Object value) {
        return splice(m.valueStart(), m.valueEnd(), JsonText.render(value, lineIndent(m.keyStart()), style()));
    }

    private DaemonConfig insertTopLevel(String key, Object value) {
        if (root == null) {
            // Blank document: write a fresh one in the default layout (keeping the file's line ending).
            JsonText.Style s = style();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put(key, value);
            return splice(0, text.length(), JsonText.render(doc, "", s) + s.newline());
        }
        return insertMember(root, key, value);
    }

    private DaemonConfig insertMember(ObjectSpan obj, String key, Object value) {
        JsonText.Style s = style();
        if (obj.members().isEmpty()) {
            String parentIndent = lineIndent(obj.open());
            String memberIndent = parentIndent + s.indentUnit();
            String member = JsonText.quote(key) + s.colon() + JsonText.render(value, memberIndent, s);
            String body = s.compact()
                    ? "{" + member + "}"
                    : "{" + s.newline() + memberIndent + member + s.newline() + parentIndent + "}";
            return splice(obj.open(), obj.close() + 1, body);
        }
        // Copy the separator the last member has (whitespace after its ',' or '{'), so the new
        // member sits exactly like its neighbours, in multi-line and one-line layouts alike.
        Member last = obj.members().get(obj.members().size() - 1);
        int delimiter = last.keyStart() - 1;
        while (delimiter > obj.open() && Character.isWhitespace(text.charAt(delimiter))) {
            delimiter--;
        }
        String separator = text.substring(delimiter + 1, last.keyStart());
        String memberIndent = separator.indexOf('\n') >= 0 ? lineIndent(last.keyStart()) : lineIndent(obj.open());
        String member = JsonText.quote(key) + colonOf(last, s) + JsonText.render(value, memberIndent, s);
        return splice(last.valueEnd(), last.valueEnd(), "," + separator + member);
    }

    private DaemonConfig removeMember(ObjectSpan obj, Member m) {
        List<Member> members = obj.members();
        int i = members.indexOf(m);
        if (members.size() == 1) {
            return splice(obj.open() + 1, obj.close(), "");
        }
        if (i > 0) {
            return splice(members.get(i - 1).valueEnd(), m.valueEnd(), "");
        }
        return splice(m.keyStart(), members.get(1).keyStart(), "");
    }

    private String colonOf(Member m, JsonText.Style s) {
        String c = text.substring(m.keyEnd(), m.valueStart());
        return c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0 ? s.colon() : c;
    }

    /** The leading whitespace of the line that holds {@code offset}. */
    private String lineIndent(int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** The file's own layout: CRLF or LF, indent unit of the top-level keys, compact or not. */
    private JsonText.Style style() {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        String unit = JsonText.Style.DEFAULT.indentUnit();
        boolean compact = false;
        String colon = JsonText.Style.DEFAULT.colon();
        if (root != null && !root.members().isEmpty()) {
            Member first = root.members().get(0);
            String between = text.substring(root.open() + 1, first.keyStart());
            int nl = between.lastIndexOf('\n');
            if (nl >= 0) {
                String indent = between.substring(nl + 1);
                unit = indent.isEmpty() ? unit : indent;
            }
            compact = text.substring(root.open(), root.close()).indexOf('\n') < 0;
            String c = text.substring(first.keyEnd(), first.valueStart());
            colon = c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0 ? colon : c;
        }
        return new JsonText.Style(newline, unit, colon, compact);
    }

    static String where(String text, String sourceName, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return sourceName + ":" + line + ":" + (offset - lineStart + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DaemonConfig other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "DaemonConfig[" + sourceName + ", runtimes=" + runtimes.keySet()
                + ", default-runtime=" + defaultRuntime + "]";
    }

    // ---------------------------------------------------------------- parsing

    private static final class Parsed {
        ObjectSpan root;
        Member runtimesMember;
        ObjectSpan runtimesObject;
        Member defaultMember;
        String defaultRuntime;
        final Map<String, RuntimeEntry> runtimes = new LinkedHashMap<>();
        final Map<String, ObjectSpan> entrySpans = new LinkedHashMap<>();
    }

    /**
     * Walks the document with Jackson's streaming parser, recording character offsets of the
     * members it manages; everything else is skipped, never re-serialised.
     */
    private static final class Parser {
        private final String text;
        private final String source;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        Parsed parse() {
            // Docker accepts a UTF-8 byte order mark; Jackson does not on a String. A space keeps offsets.
            String input = text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
            Parsed out = new Parsed();
            try (JsonParser p = MAPPER.getFactory().createParser(input)) {
                JsonToken t = p.nextToken();
                if (t == null) {
                    return out;   // blank: Docker treats it as an empty configuration
                }
                if (t != JsonToken.START_OBJECT) {
                    throw typeError(offset(p), "the top level", "an object ({ ... })", t);
                }
                out.root = readObject(p, (name, keyStart, valueStart) -> {
                    if (name.equals(RUNTIMES)) {
                        readRuntimes(p, out);
                    } else if (name.equals(DEFAULT_RUNTIME)) {
                        out.defaultRuntime = readString(p, "\"default-runtime\"");
                    } else {
                        p.skipChildren();
                    }
                }, "the top level");
                for (Member m : out.root.members()) {
                    if (m.name().equals(RUNTIMES)) {
                        out.runtimesMember = m;
                    } else if (m.name().equals(DEFAULT_RUNTIME)) {
                        out.defaultMember = m;
                    }
                }
                if (out.defaultRuntime != null && out.defaultRuntime.isEmpty()) {
                    out.defaultRuntime = null;
                }
                JsonToken after = p.nextToken();
                if (after != null) {
                    throw new DaemonConfigException(where(text, source, offset(p)) + ": unexpected " + describe(after)
                            + " after the closing '}' of the top-level object; Docker refuses this file too. "
                            + "Fix it by hand; rtbench left it unchanged");
                }
            } catch (JsonProcessingException e) {
                var loc = e.getLocation();
                String at = loc == null ? source : source + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
                throw new DaemonConfigException(at + ": not valid JSON: " + e.getOriginalMessage() + hint(loc)
                        + ". Docker refuses this file too. Fix it by hand (or restore a backup); rtbench left it unchanged", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }

        /** Names the usual culprit of a "expecting double-quote" error: a trailing comma. */
        private String hint(com.fasterxml.jackson.core.JsonLocation loc) {
            if (loc == null || loc.getLineNr() < 1 || loc.getColumnNr() < 1) {
                return "";
            }
            int lineStart = 0;
            for (int line = 1; line < loc.getLineNr(); line++) {
                lineStart = text.indexOf('\n', lineStart) + 1;
                if (lineStart == 0) {
                    return "";
                }
            }
            int i = lineStart + loc.getColumnNr() - 1;   // the character Jackson stopped at
            if (i >= text.length() || (text.charAt(i) != '}' && text.charAt(i) != ']')) {
                return "";
            }
            int j = i - 1;
            while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
                j--;
            }
            return j >= 0 && text.charAt(j) == ',' ? " (a trailing comma before '" + text.charAt(i)
                    + "'? JSON allows none)" : "";
        }

        private interface MemberReader {
            void read(String name, int keyStart, int valueStart) throws IOException;
        }

        /** Reads an object whose START_OBJECT is current; the reader consumes each value. */
        private ObjectSpan readObject(JsonParser p, MemberReader reader, String what) throws IOException {
            int open = offset(p);
            List<Member> members = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int keyStart = offset(p);
                int keyEnd = stringEnd(keyStart);
                p.nextToken();
                int valueStart = offset(p);
                reader.read(name, keyStart, valueStart);
                int valueEnd = valueEnd(p, valueStart);
                members.add(new Member(name, keyStart, keyEnd, valueStart, valueEnd));
                seen.merge(name, 1, Integer::sum);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalStateException("unexpected " + t + " in object at " + where(text, source, open));
            }
            ObjectSpan span = new ObjectSpan(open, offset(p), List.copyOf(members));
            refuseDuplicates(span, what);
            return span;
        }

        private void refuseDuplicates(ObjectSpan span, String what) {
            boolean managedLevel = what.equals("the top level");
            Map<String, Member> first = new LinkedHashMap<>();
            for (Member m : span.members()) {
                Member before = first.putIfAbsent(m.name(), m);
                boolean managed = !managedLevel || m.name().equals(RUNTIMES) || m.name().equals(DEFAULT_RUNTIME);
                if (before != null && managed) {
                    throw new DaemonConfigException(where(text, source, m.keyStart()) + ": \"" + m.name()
                            + "\" appears twice in " + what + " (first at " + where(text, source, before.keyStart())
                            + "); Docker silently uses the last one. Remove one by hand; rtbench left the file unchanged");
                }
            }
        }

        private void readRuntimes(JsonParser p, Parsed out) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            if (t != JsonToken.START_OBJECT) {
                throw typeError(offset(p), "\"runtimes\"", "an object mapping names to runtimes", t);
            }
            out.runtimesObject = readObject(p, (name, keyStart, valueStart) ->
                    out.runtimes.put(name, readEntry(p, name, out)), "\"runtimes\"");
        }

        private RuntimeEntry readEntry(JsonParser p, String name, Parsed out) throws IOException {
            String what = "\"runtimes\".\"" + name + "\"";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw typeError(offset(p), what, "an object with \"path\" or \"runtimeType\"", p.currentToken());
            }
            String[] path = {null};
            String[] type = {null};
            List<String> args = new ArrayList<>();
            Map<String, Object> options = new LinkedHashMap<>();
            ObjectSpan span = readObject(p, (field, keyStart, valueStart) -> {
                switch (field) {
                    case "path" -> path[0] = readString(p, what + ".path");
                    case "runtimeType" -> type[0] = readString(p, what + ".runtimeType");
                    case "runtimeArgs" -> args.addAll(readStrings(p, what + ".runtimeArgs"));
                    case "options" -> options.putAll(readOptions(p, what + ".options"));
                    default -> p.skipChildren();   // Docker ignores unknown fields; so do we
                }
            }, what);
            out.entrySpans.put(name, span);
            return new RuntimeEntry(path[0], args, type[0], options);
        }

        private String readString(JsonParser p, String what) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t != JsonToken.VALUE_STRING) {
                throw typeError(offset(p), what, "a string", t);
            }
            return p.getText();
        }

        private List<String> readStrings(JsonParser p, String what) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (t != JsonToken.START_ARRAY) {
                throw typeError(offset(p), what, "an array of strings", t);
            }
            List<String> out = new ArrayList<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_STRING) {
                    throw typeError(offset(p), what + "[" + out.size() + "]", "a string", t);
                }
                out.add(p.getText());
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> readOptions(JsonParser p, String what) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            if (t != JsonToken.START_OBJECT) {
                throw typeError(offset(p), what, "an object", t);
            }
            return p.readValueAs(LinkedHashMap.class);
        }

        private DaemonConfigException typeError(int offset, String what, String expected, JsonToken found) {
            return new DaemonConfigException(where(text, source, offset) + ": " + what + " must be " + expected
                    + ", found " + describe(found) + ". Docker refuses this file too. Fix it by hand; "
                    + "rtbench left it unchanged");
        }

        private static String describe(JsonToken t) {
            if (t == null) {
                return "the end of the file";
            }
            return switch (t) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> t.toString();
            };
        }

        private static int offset(JsonParser p) {
            return Math.toIntExact(p.currentTokenLocation().getCharOffset());
        }

        /** End (exclusive) of the current value; containers are skipped to their closing token. */
        private int valueEnd(JsonParser p, int start) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
            t = p.currentToken();
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                return offset(p) + 1;
            }
            if (t == JsonToken.VALUE_STRING) {
                return stringEnd(start);
            }
            int i = start;   // number, true, false, null: Jackson has already checked the lexeme
            while (i < text.length() && "0123456789+-.eEtruefalsn".indexOf(text.charAt(i)) >= 0) {
                i++;
            }
            return i;
        }

        /** End (exclusive) of the JSON string whose opening quote is at {@code start}. */
        private int stringEnd(int start) {
            for (int i = start + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i + 1;
                }
            }
            throw new IllegalStateException("unterminated string at " + where(text, source, start));
        }
    }
}
