package io.drpkit.sdk.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.model.RawModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A runbook: a named pair of step lists, {@code create} and {@code delete}, stored in DRP as a
 * {@code StoreObjects} object of type {@value #TYPE} keyed by its {@code Id}.
 *
 * <p><b>Every instance is valid.</b> {@link #parse(String)}, {@link #of(JsonNode)} and
 * {@link Builder#build()} check the whole runbook (names, {@code #!} lines, environment variable
 * names, input paths, step and output references, cycles, timeouts) and throw an
 * {@link InvalidRunbookException} listing every problem found, one message each, naming the
 * runbook and the step. A {@code delete} step may read outputs of {@code create} steps; those are
 * not edges of the delete graph but values the caller stored after {@code create} ran.
 *
 * <p>The document (YAML or JSON) uses DRP's members {@code Id}, {@code Description} and
 * optionally {@code Type}, and camelCase runbook fields:
 * <pre>{@code
 * Id: hello
 * Description: Says hello to the machine.
 * apiVersion: drpkit.io/v1
 * create:
 *   - name: greet
 *     timeout: 30s
 *     inputs:
 *       - name: who
 *         valueFromMachine: Name
 *         as: {env: WHO}
 *     outputs:
 *       - name: greeting
 *         valueFromPath: out/greeting
 *     script: |
 *       #!/bin/sh
 *       mkdir -p out && echo "hello $WHO" > out/greeting
 * delete: []
 * }</pre>
 * Other upper-case members ({@code Validated}, {@code Available}, {@code Errors}, {@code Meta},
 * ...) that DRP adds to stored objects are ignored; unknown lower-case fields are reported.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Runbook {
    /** The only {@code apiVersion} this SDK reads. */
    public static final String API_VERSION = "drpkit.io/v1";
    /** The DRP object type (the {@code StoreObjects} prefix) runbooks are stored as. */
    public static final String TYPE = "runbooks";

    private static final String SCHEMA_RESOURCE = "runbook.schema.json";

    private final String id;
    private final String description;
    private final String apiVersion;
    private final List<Step> create;
    private final List<Step> delete;

    private Runbook(Builder b) {
        this.id = b.id;
        this.description = b.description;
        this.apiVersion = b.apiVersion;
        this.create = List.copyOf(b.create);
        this.delete = List.copyOf(b.delete);
    }

    /**
     * Reads and validates a runbook document, YAML or JSON (text starting with <code>{</code>).
     *
     * @throws InvalidRunbookException with every problem, if the text is not a valid runbook
     */
    public static Runbook parse(String text) {
        return RunbookReader.parse(Objects.requireNonNull(text, "text == null"));
    }

    /**
     * Reads and validates a runbook from its JSON tree, e.g. an object returned by the DRP API.
     *
     * @throws InvalidRunbookException with every problem, if it is not a valid runbook
     */
    public static Runbook of(JsonNode json) {
        return RunbookReader.read(Objects.requireNonNull(json, "json == null"));
    }

    /**
     * Reads and validates a runbook from a DRP object of type {@value #TYPE}.
     *
     * @throws InvalidRunbookException with every problem, if it is not a valid runbook
     */
    public static Runbook of(RawModel object) {
        return of(Objects.requireNonNull(object, "object == null").json());
    }

    /** Starts a runbook with Id {@code id}, {@code apiVersion} {@value #API_VERSION} and no steps. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * The JSON Schema (draft 4) of the runbook document, for DRP's {@code StoreObjects} type
     * {@value #TYPE}. Structural only: references, cycles and the other cross-field rules are
     * checked by {@link #parse(String)}. Returns a fresh copy on each call.
     */
    public static ObjectNode jsonSchema() {
        try (InputStream in = Runbook.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCHEMA_RESOURCE + " is missing from the SDK jar");
            }
            return (ObjectNode) io.drpkit.sdk.internal.json.JsonTrees.readStrict(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    /** The runbook's name: its DRP key. */
    public String id() {
        return id;
    }

    /** Free text for operators; may be empty. */
    public String description() {
        return description;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The create steps, in declaration order. */
    public List<Step> create() {
        return create;
    }

    /** The delete steps, in declaration order. */
    public List<Step> delete() {
        return delete;
    }

    /** The steps of {@code phase}, in declaration order. */
    public List<Step> steps(Phase phase) {
        return Objects.requireNonNull(phase, "phase == null") == Phase.CREATE ? create : delete;
    }

    /** The step called {@code name}, in either phase. */
    public Optional<Step> step(String name) {
        Objects.requireNonNull(name, "name == null");
        return Stream.concat(create.stream(), delete.stream()).filter(s -> s.name().equals(name)).findFirst();
    }

    /** The document as JSON, with {@code Type: runbooks}, in a stable member order. */
    public ObjectNode toJson() {
        return RunbookWriter.toJson(this);
    }

    /**
     * A digest of everything the runbook says, {@code sha256:<64 hex digits>}: the SHA-256 of
     * its {@link #toJson()} written compactly, so two runbooks have the same digest exactly when
     * they are {@linkplain #equals equal}, whatever their source's formatting (YAML or JSON,
     * comments, key order). Records which version of a runbook ran, e.g. at create.
     *
     * @since 0.2
     */
    public String digest() {
        try {
            byte[] json = io.drpkit.sdk.internal.json.DrpJson.writeBytes(toJson());
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(json);
            return "sha256:" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The document as YAML (scripts as literal blocks), which {@link #parse(String)} reads back equal. */
    public String toYaml() {
        return RunbookWriter.toYaml(this);
    }

    /** The DRP object of type {@value #TYPE} to store this runbook as. */
    public RawModel toRawModel() {
        return RawModel.of(toJson());
    }

    public Builder toBuilder() {
        Builder b = new Builder(id).description(description).apiVersion(apiVersion);
        b.create.addAll(create);
        b.delete.addAll(delete);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Runbook r && id.equals(r.id) && description.equals(r.description)
                && apiVersion.equals(r.apiVersion) && create.equals(r.create) && delete.equals(r.delete);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, description, apiVersion, create, delete);
    }

    @Override
    public String toString() {
        return "Runbook{" + id + ", create=" + create + ", delete=" + delete + "}";
    }

    /** Builds a {@link Runbook}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String description = "";
        private String apiVersion = API_VERSION;
        private final List<Step> create = new ArrayList<>();
        private final List<Step> delete = new ArrayList<>();

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id == null");
        }

        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description == null");
            return this;
        }

        public Builder apiVersion(String apiVersion) {
            this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion == null");
            return this;
        }

        /** Appends a create step. */
        public Builder create(Step step) {
            create.add(Objects.requireNonNull(step, "step == null"));
            return this;
        }

        /** Appends a delete step. */
        public Builder delete(Step step) {
            delete.add(Objects.requireNonNull(step, "step == null"));
            return this;
        }

        /**
         * Validates and builds the runbook.
         *
         * @throws InvalidRunbookException listing every problem, if the runbook is not valid
         */
        public Runbook build() {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new InvalidRunbookException(id, problems);
            }
            return new Runbook(this);
        }

        /** Every problem {@link #build()} would report, in document order. */
        List<String> problems() {
            Problems p = new Problems(id);
            RunbookValidator.check(id, apiVersion, create, delete, p);
            return p.messages();
        }
    }
}
