package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a definition's {@code Content} YAML the simulator shows and uses. Immutable. */
record SimulatedContent(String name, String displayName, List<String> sections, Map<String, JsonNode> paramSchemas) {
    static SimulatedContent parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return new SimulatedContent("", "", List.of(), Map.of());
        }
        JsonNode content;
        try {
            content = new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException("Content is not YAML: " + e.getMessage(), e);
        }
        List<String> sections = new ArrayList<>();
        content.path("sections").fields().forEachRemaining(e -> sections.add(e.getValue().size() + " " + e.getKey()));
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        content.path("sections").path("params").fields()
                .forEachRemaining(e -> schemas.put(e.getKey(), e.getValue().path("Schema")));
        return new SimulatedContent(content.path("meta").path("Name").asText(),
                content.path("meta").path("DisplayName").asText(), List.copyOf(sections), Map.copyOf(schemas));
    }

    String describe() {
        if (name.isEmpty() && sections.isEmpty()) {
            return "no content pack";
        }
        return "content pack " + name + (displayName.isEmpty() ? "" : " \"" + displayName + "\"") + ": "
                + (sections.isEmpty() ? "no objects" : String.join(", ", sections));
    }
}
