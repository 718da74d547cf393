package dev.rtbench.harness.daemonjson;

import dev.rtbench.harness.daemonjson.JsonSpans.Member;
import dev.rtbench.harness.daemonjson.JsonSpans.ObjectSpan;
import java.nio.file.Path;
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
 *
 * <p>The work is shared: {@link DaemonJsonParser} reads the text, {@link DockerRules} holds
 * Docker's rules, {@link JsonSplice} makes the text edits; this class is the edited value.
 */
public final class DaemonConfig {

    static final String RUNTIMES = DaemonJsonParser.RUNTIMES;
    static final String DEFAULT_RUNTIME = DaemonJsonParser.DEFAULT_RUNTIME;
    /** The built-in runtime; Docker refuses it as a configured name (daemon/config: StockRuntimeName). */
    public static final String STOCK_RUNTIME = "runc";
    /** The built-in containerd runc v2 shim; usable as default-runtime on Docker &gt;= 23 without an entry. */
    public static final String RUNC_V2_SHIM = "io.containerd.runc.v2";

    /** Where a config came from, so a write can refuse if the file changed since it was read. */
    record Origin(Path file, byte[] bytes) {
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

    private DaemonConfig(String text, String sourceName, Origin origin, DaemonJsonParser.Parsed p) {
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

    /**
     * Parses daemon.json text. {@code sourceName} names it in messages (usually the file path).
     *
     * @throws DaemonConfigException with line and column when Docker would not load the text
     */
    public static DaemonConfig parse(String text, String sourceName) {
        Objects.requireNonNull(text, "daemon.json text was not specified");
        String name = sourceName == null ? "daemon.json" : sourceName;
        return new DaemonConfig(text, name, null, new DaemonJsonParser(text, name).parse());
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
        return DaemonJsonFile.read(file, createIfMissing);
    }

    /** A config of {@code text} read from {@code origin}'s file. */
    static DaemonConfig of(String text, Origin origin) {
        String name = origin.file().toString();
        return new DaemonConfig(text, name, origin, new DaemonJsonParser(text, name).parse());
    }

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
        return m == null ? sourceName : JsonSpans.where(text, sourceName, m.keyStart());
    }

    /** {@link #problems(DockerVersion)} with the version as text ({@code 20.10.24+dfsg1}); null = unknown. */
    public List<String> problems(String dockerVersion) {
        return problems(DockerVersion.parseNullable(dockerVersion));
    }

    /**
     * Docker's own rules for {@code runtimes} and {@code default-runtime}, every violation listed
     * (see {@link DockerRules}). With a null version the rules of Docker &gt;= 23 apply.
     */
    public List<String> problems(DockerVersion docker) {
        return DockerRules.problems(this, docker);
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

    /** Whether containerd accepts {@code name} as a runtime (shim) name; see {@link DockerRules#isShimName}. */
    public static boolean isShimName(String name) {
        return DockerRules.isShimName(name);
    }

    /** {@link #pathProblems(String)} against this process's PATH. */
    public List<String> pathProblems() {
        return pathProblems(System.getenv("PATH"));
    }

    /**
     * Checks that every {@code path} runtime resolves to an executable file, the way dockerd does
     * (a name with a '/' is used as is, a bare name is searched on {@code searchPath}).
     */
    public List<String> pathProblems(String searchPath) {
        return DockerRules.pathProblems(this, searchPath);
    }

    /** {@code file:line:column} of the default-runtime value, or the file name. */
    String defaultRuntimeLocation() {
        return defaultMember == null ? sourceName : JsonSpans.where(text, sourceName, defaultMember.valueStart());
    }

    /**
     * Adds or replaces runtime {@code name} whole; an equal existing entry leaves the text as it is.
     *
     * @throws DaemonConfigException when the name or arguments break {@link RuntimeInput}'s rules
     *                               (Docker makes a file and a shell script of them)
     */
    public DaemonConfig withRuntime(String name, RuntimeEntry entry) {
        RuntimeInput.require(name, entry);
        if (entry.equals(runtimes.get(name))) {
            return this;
        }
        Map<String, Object> value = entry.toJsonMap();
        if (runtimesObject != null) {
            Member existing = runtimesObject.member(name);
            if (existing != null) {
                return reparse(splicer().replaceValue(existing, value));
            }
            return reparse(splicer().insertMember(runtimesObject, name, value));
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put(name, value);
        if (runtimesMember != null) {   // "runtimes": null
            return reparse(splicer().replaceValue(runtimesMember, wrapped));
        }
        return reparse(splicer().insertTopLevel(RUNTIMES, wrapped));
    }

    /**
     * Sets the fields rtbench manages ({@code path}, {@code runtimeArgs}, {@code runtimeType},
     * {@code options}) of runtime {@code name} to {@code entry}'s, removing those {@code entry}
     * lacks, and keeps every other field of the existing entry (Docker ignores unknown fields, but
     * their owner may not) and its layout. Adds the runtime when absent.
     */
    public DaemonConfig withRuntimeFields(String name, RuntimeEntry entry) {
        RuntimeInput.require(name, entry);
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
                c = m == null ? c : c.reparse(c.splicer().removeMember(span, m));
            } else if (m == null) {
                c = c.reparse(c.splicer().insertMember(span, field, value));
            } else if (!value.equals(had.get(field))) {
                c = c.reparse(c.splicer().replaceValue(m, value));
            }
        }
        return c;
    }

    /** Removes runtime {@code name} if present (no-op otherwise); may leave {@code "runtimes": {}}. */
    public DaemonConfig withoutRuntime(String name) {
        Objects.requireNonNull(name, "runtime name was not specified");
        Member m = runtimesObject == null ? null : runtimesObject.member(name);
        return m == null ? this : reparse(splicer().removeMember(runtimesObject, m));
    }

    /** Sets {@code default-runtime}, or removes the key when {@code nameOrNull} is null. */
    public DaemonConfig withDefaultRuntime(String nameOrNull) {
        if (nameOrNull == null) {
            return defaultMember == null ? this : reparse(splicer().removeMember(root, defaultMember));
        }
        if (nameOrNull.isEmpty()) {
            throw new IllegalArgumentException("default-runtime must not be empty: pass null to remove it");
        }
        if (defaultMember != null) {
            if (nameOrNull.equals(defaultRuntime)) {
                return this;
            }
            return reparse(splicer().replaceValue(defaultMember, nameOrNull));
        }
        return reparse(splicer().insertTopLevel(DEFAULT_RUNTIME, nameOrNull));
    }

    private DaemonConfig reparse(String next) {
        return new DaemonConfig(next, sourceName, origin, new DaemonJsonParser(next, sourceName).parse());
    }

    private JsonSplice splicer() {
        return new JsonSplice(text, root);
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
}
