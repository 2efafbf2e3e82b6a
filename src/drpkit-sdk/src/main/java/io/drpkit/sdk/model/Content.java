package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DRP's {@code models.Content} bundle (spec §5.12): {@code meta} (string fields) and
 * {@code sections} (prefix → key → object). Keys are kept sorted at every level, as DRP's
 * bundler writes them. Immutable and thread-safe.
 *
 * @since 0.1
 */
@JsonPropertyOrder({"meta", "sections"})
public record Content(
        @JsonProperty("meta") Map<String, String> meta,
        @JsonProperty("sections") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, Map<String, JsonNode>> sections) {

    /** The 18 meta fields DRP always writes (spec §6.2), in that order. */
    public static final List<String> META_FIELDS = List.of("Name", "Version", "Description",
            "Source", "Documentation", "RequiredFeatures", "Type", "Color", "Icon", "Author",
            "DisplayName", "License", "Copyright", "CodeSource", "Order", "Tags", "DocUrl",
            "Prerequisites");

    @JsonCreator
    public Content {
        meta = meta == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(meta));
        TreeMap<String, Map<String, JsonNode>> s = new TreeMap<>();
        if (sections != null) {
            sections.forEach((prefix, objects) -> {
                TreeMap<String, JsonNode> o = new TreeMap<>();
                if (objects != null) {
                    objects.forEach((k, v) -> o.put(k, v.deepCopy()));
                }
                s.put(prefix, Collections.unmodifiableMap(o));
            });
        }
        sections = Collections.unmodifiableMap(s);
    }

    /** The objects of one section (empty if absent). */
    public Map<String, JsonNode> section(String prefix) {
        return sections.getOrDefault(prefix, Map.of());
    }
}
