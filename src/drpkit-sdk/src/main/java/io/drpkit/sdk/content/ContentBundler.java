package io.drpkit.sdk.content;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Content;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Bundles a DRP content directory into a {@link Content} and its YAML text, as
 * {@code drpcli contents bundle} does (spec §6). The build runs it over the project's
 * {@code content/} directory and ships the text as {@link ContentPack#DEFAULT_RESOURCE}.
 *
 * <p>What is read, in this order:
 * <ol>
 *   <li><b>Meta.</b> For each of the 18 {@link Content#META_FIELDS}: the content of
 *       {@code ._<Field>.meta} in the top directory, stripped of surrounding whitespace except for
 *       {@code Documentation} (RST, kept verbatim, spec §5.12); else the value given to
 *       {@link Builder#meta(String, String)} (drpcli's {@code Field=Value} arguments, which lose to
 *       files); else DRP's default: {@code Name} → {@code Unspecified}, {@code Version} →
 *       {@code v0.0.0}, {@code Type} → {@code dynamic}, anything else the empty string. All 18
 *       are always present. Other top-level files are ignored.</li>
 *   <li><b>Sections.</b> Every sub-directory whose name does not start with {@code .} is a
 *       section named after it (no check of the name: unknown names are {@code StoreObjects}
 *       types). Files are taken in name order; nested directories and dot-files are skipped.
 *       {@code .yaml}/{@code .yml} files are YAML, {@code .json} files JSON, each one object; in
 *       {@code templates} any other file becomes a Template whose {@code ID} is the file name and
 *       {@code Contents} the file's text (UTF-8).</li>
 *   <li><b>Keys.</b> Each object is stored under its own key member: {@code ID} for templates,
 *       {@code Uuid} for machines and jobs, {@code Addr} (as DRP's upper-case hex form) for leases
 *       and reservations, {@code Name} for DRP's other built-in types (params, tasks, stages,
 *       profiles, workflows, bootenvs, ...), and {@code Id} for every other section (a
 *       {@code RawModel}). Built-in types find the member ignoring letter case, as Go's decoder
 *       does; {@code RawModel}s need the exact name.</li>
 * </ol>
 *
 * <p><b>Objects are kept as written.</b> drpcli decodes each object into a zero-filled Go struct,
 * so its output lists every member of the model. The host fills missing members itself when it
 * loads the content (spec §6.4), so this bundler copies each object unchanged: the output is
 * shorter, and a member DRP does not know (say, a later version's) is not silently dropped.
 *
 * <p><b>Output.</b> {@link #toYaml(Content)} writes {@code meta} and, if any object was found,
 * {@code sections}, with keys sorted at every level. The same directory always gives the same
 * bytes. Strings are quoted only where YAML 1.1 (the host's parser) would read them as something
 * else; multi-line strings are literal blocks.
 *
 * <p><b>Errors.</b> Nothing is partially returned: the first problem found throws
 * {@link IllegalArgumentException} naming the file and what was expected (an unknown extension,
 * text that does not decode to one object, a missing or non-string key member, two files with
 * the same key); a failure to read throws {@link IOException}. Dot-files inside a section are
 * skipped rather than rejected (drpcli fails on a {@code .gitkeep}); that is the one place this
 * bundler is more lenient than drpcli.
 *
 * <p>Immutable and thread-safe; {@link #bundle(Path)} may run concurrently on different
 * directories.
 *
 * @since 0.1
 */
public final class ContentBundler {
    /** Meta fields whose value is not trimmed (spec §5.12). */
    private static final String UNTRIMMED_FIELD = "Documentation";
    private static final Map<String, String> DEFAULTS = Map.of(
            "Name", "Unspecified", "Version", "v0.0.0", "Type", "dynamic");

    private final Map<String, String> metaOverrides;

    private ContentBundler(Builder builder) {
        this.metaOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(builder.meta));
    }

    /** A bundler without meta overrides. */
    public static ContentBundler of() {
        return builder().build();
    }

    /** A builder with no meta overrides. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this bundler's overrides. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.meta.putAll(metaOverrides);
        return b;
    }

    /** Meta values used when the directory has no {@code ._<Field>.meta} file, in the order given. */
    public Map<String, String> metaOverrides() {
        return metaOverrides;
    }

    /**
     * Reads {@code dir} into a content bundle, as described in the class comment.
     *
     * @throws java.nio.file.NoSuchFileException if {@code dir} does not exist
     * @throws IllegalArgumentException naming the offending file if its content is not acceptable
     * @throws IOException if a file cannot be read
     */
    public Content bundle(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir == null");
        if (!Files.isDirectory(dir)) {
            if (!Files.exists(dir)) {
                throw new NoSuchFileException(dir.toString(), null,
                        "content directory does not exist");
            }
            throw new IllegalArgumentException("content directory " + dir + " is not a directory");
        }
        Map<String, String> meta = readMeta(dir);
        Map<String, Map<String, JsonNode>> sections = new TreeMap<>();
        for (Path sub : sortedEntries(dir)) {
            if (isHidden(sub) || !Files.isDirectory(sub)) {
                continue;
            }
            String prefix = sub.getFileName().toString();
            Map<String, JsonNode> objects = readSection(prefix, sub);
            if (!objects.isEmpty()) {
                sections.put(prefix, objects);
            }
        }
        return new Content(meta, sections);
    }

    /**
     * The bundle of an empty directory: the 18 meta fields from the overrides and DRP's
     * defaults, no sections. For a provider without a content directory.
     */
    public Content empty() {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String field : Content.META_FIELDS) {
            meta.put(field, metaOverrides.getOrDefault(field, DEFAULTS.getOrDefault(field, "")));
        }
        return new Content(meta, Map.of());
    }

    /** {@link #bundle(Path)} then {@link #toYaml(Content)}. */
    public String bundleYaml(Path dir) throws IOException {
        return toYaml(bundle(dir));
    }

    /**
     * The YAML text of {@code content}: top-level {@code meta} then {@code sections} (left out
     * when empty), keys sorted at every level, ending with a newline. Deterministic.
     */
    public static String toYaml(Content content) {
        Objects.requireNonNull(content, "content == null");
        return ContentCodec.toYaml(DrpJson.toTree(content));
    }

    private Map<String, String> readMeta(Path dir) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(empty().meta());
        for (String field : Content.META_FIELDS) {
            Path file = dir.resolve("._" + field + ".meta");
            if (Files.isRegularFile(file)) {
                String text = readText(file);
                meta.put(field, field.equals(UNTRIMMED_FIELD) ? text : text.strip());
            }
        }
        return meta;
    }

    private static Map<String, JsonNode> readSection(String prefix, Path sectionDir) throws IOException {
        Map<String, JsonNode> objects = new TreeMap<>();
        Map<String, Path> sources = new TreeMap<>();
        for (Path file : sortedEntries(sectionDir)) {
            if (isHidden(file) || !Files.isRegularFile(file)) {
                continue;
            }
            JsonNode object = decode(prefix, file);
            String key = SectionKeys.keyOf(prefix, object, file);
            Path earlier = sources.putIfAbsent(key, file);
            if (earlier != null) {
                throw new IllegalArgumentException("duplicate " + prefix + " key '" + key + "': "
                        + earlier + " and " + file);
            }
            objects.put(key, object);
        }
        return objects;
    }

    private static JsonNode decode(String prefix, Path file) throws IOException {
        String name = file.getFileName().toString();
        String ext = extension(name);
        JsonNode tree;
        try {
            switch (ext) {
                case ".yaml", ".yml" -> tree = ContentCodec.readYaml(Files.readAllBytes(file));
                case ".json" -> tree = ContentCodec.readJson(Files.readAllBytes(file));
                default -> {
                    if (!prefix.equals(SectionKeys.TEMPLATES)) {
                        throw new IllegalArgumentException("No idea how to decode " + file + " into "
                                + prefix + ": only .yaml, .yml and .json files hold objects"
                                + " (any other file is accepted only in templates/)");
                    }
                    ObjectNode template = JsonNodeFactory.instance.objectNode();
                    template.put("Contents", readText(file));
                    template.put("ID", name);
                    return template;
                }
            }
        } catch (JacksonException e) {
            String format = ext.equals(".json") ? "JSON" : "YAML";
            throw new IllegalArgumentException(file + ": not valid " + format + ": " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            String got = tree == null || tree.isMissingNode() || tree.isNull()
                    ? "an empty document" : tree.getNodeType().toString().toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException(file + ": expected one " + prefix + " object, got " + got);
        }
        return tree;
    }

    private static String readText(Path file) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text", e);
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static List<Path> sortedEntries(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Iterator<Path> it = stream.iterator(); it.hasNext(); ) {
                entries.add(it.next());
            }
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return entries;
    }

    /**
     * Collects meta overrides; {@link #build()} makes an immutable bundler. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<String, String> meta = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Uses {@code value} for meta {@code field} when the directory has no
         * {@code ._<field>.meta} file. Like drpcli's {@code Field=Value}, the value is used as
         * given (not trimmed). A later call for the same field replaces the earlier value.
         *
         * @throws IllegalArgumentException if {@code field} is not one of {@link Content#META_FIELDS}
         */
        public Builder meta(String field, String value) {
            Objects.requireNonNull(field, "field == null");
            Objects.requireNonNull(value, "value == null");
            if (!Content.META_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown meta field '" + field + "', expected one of "
                        + Content.META_FIELDS);
            }
            meta.put(field, value);
            return this;
        }

        public ContentBundler build() {
            return new ContentBundler(this);
        }
    }
}
