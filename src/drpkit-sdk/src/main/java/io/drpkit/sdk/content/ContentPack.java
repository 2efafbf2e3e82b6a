package io.drpkit.sdk.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.model.Content;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A provider's DRP content pack (spec §6): the YAML text shipped as {@code Content} in
 * {@code define}, and its parsed form. The build bundles {@code content/} into
 * {@value #DEFAULT_RESOURCE} on the class path (see {@code ContentBundler}). Parsing is lazy,
 * so {@code define} only pays for reading the text. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ContentPack {
    /** Where the build puts the bundled content pack. */
    public static final String DEFAULT_RESOURCE = "META-INF/drpkit/content.yaml";
    /** The build's JSON index of the pack's params, read instead of parsing the YAML. */
    public static final String PARAMS_RESOURCE = "META-INF/drpkit/params.json";

    private final String yaml;
    private final String paramsJson;
    private volatile Content parsed;

    private ContentPack(String yaml, String paramsJson) {
        this.yaml = yaml;
        this.paramsJson = paramsJson;
    }

    /** A pack from its YAML (or JSON) text with top-level {@code meta} and {@code sections}. */
    public static ContentPack of(String yaml) {
        return new ContentPack(Objects.requireNonNull(yaml, "yaml == null"), null);
    }

    /** The pack the build bundled into {@value #DEFAULT_RESOURCE}. */
    public static ContentPack fromClasspath() {
        return fromClasspath(DEFAULT_RESOURCE, ContentPack.class.getClassLoader());
    }

    /**
     * A pack from a class path resource.
     *
     * @throws IllegalStateException naming the resource if it is missing
     */
    public static ContentPack fromClasspath(String resource, ClassLoader loader) {
        String yaml = readResource(resource, loader)
                .orElseThrow(() -> new IllegalStateException("content pack " + resource
                        + " is not on the class path (did the build run the content bundler?)"));
        String params = resource.equals(DEFAULT_RESOURCE) ? readResource(PARAMS_RESOURCE, loader).orElse(null) : null;
        return new ContentPack(yaml, params);
    }

    private static java.util.Optional<String> readResource(String resource, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The params the pack declares, by name, in name order. Read from the build's JSON index
     * when there is one, so this stays cheap enough for {@code define}.
     */
    public java.util.Map<String, io.drpkit.sdk.model.Param> params() {
        java.util.Map<String, io.drpkit.sdk.model.Param> out = new java.util.TreeMap<>();
        if (paramsJson != null) {
            try {
                JsonNode tree = io.drpkit.sdk.internal.json.DrpJson.readTree(paramsJson);
                tree.fields().forEachRemaining(e -> out.put(e.getKey(),
                        io.drpkit.sdk.internal.json.DrpJson.convert(e.getValue(), io.drpkit.sdk.model.Param.class)));
            } catch (IOException e) {
                throw new IllegalStateException("param index " + PARAMS_RESOURCE + " is not valid JSON", e);
            }
        } else {
            content().section("params").forEach((k, v) -> out.put(k,
                    io.drpkit.sdk.internal.json.DrpJson.convert(v, io.drpkit.sdk.model.Param.class)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The names of the params the pack declares, in name order: {@code params().keySet()}, but
     * read from the build's JSON index (when there is one) without converting any param, so
     * {@code define} can check the names it lists without a JSON mapper.
     *
     * @throws IllegalArgumentException if the pack has no index and one of its params has no name
     */
    public java.util.SortedSet<String> paramNames() {
        if (paramsJson == null) {
            // no build index (a pack made in code): parse, and check each param now, as the build checks indexed ones
            java.util.Map<String, io.drpkit.sdk.model.Param> all = params();
            all.values().forEach(io.drpkit.sdk.config.ParamSpec::of);
            return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(all.keySet()));
        }
        try {
            return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(
                    io.drpkit.sdk.internal.json.JsonTrees.topLevelNames(paramsJson)));
        } catch (IOException e) {
            throw new IllegalStateException("param index " + PARAMS_RESOURCE + " is not valid JSON", e);
        }
    }

    /** The text shipped in {@code define}. */
    public String yaml() {
        return yaml;
    }

    /**
     * The parsed pack.
     *
     * @throws IllegalStateException if the text is not a content bundle
     */
    public Content content() {
        Content c = parsed;
        if (c == null) {
            c = parse(yaml);
            parsed = c;
        }
        return c;
    }

    static Content parse(String text) {
        try {
            // ContentCodec holds the YAML reader, so define (which never parses) never loads it
            JsonNode tree = ContentCodec.readYaml(text.getBytes(StandardCharsets.UTF_8));
            if (tree == null || !tree.isObject() || !tree.has("meta")) {
                throw new IllegalStateException("content pack is not a DRP content bundle: top-level 'meta' missing");
            }
            return io.drpkit.sdk.internal.json.DrpJson.convert(tree, Content.class);
        } catch (IOException e) {
            throw new IllegalStateException("content pack is not valid YAML: " + e.getMessage(), e);
        }
    }
}
