package io.drpkit.sdk.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Jackson configuration for content files and the bundled YAML. Only immutable readers and
 * writers are kept, so the statics hold no mutable state. Thread-safe.
 */
final class ContentCodec {
    // Duplicate members inside one file are almost always a copy-paste slip; Go's decoders keep
    // the last one silently, which hides the mistake, so we reject them.
    private static final ObjectReader YAML_READER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .reader();
    private static final ObjectReader JSON_READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .reader();

    // The host decodes this text with go-yaml v2 (YAML 1.1): MINIMIZE_QUOTES still quotes
    // strings that YAML 1.1 would read as booleans or null, ALWAYS_QUOTE_NUMBERS_AS_STRINGS
    // keeps "1" a string, and Yaml11Quoting covers what is left. SPLIT_LINES off keeps long
    // values on one line, which diffs better.
    private static final ObjectWriter YAML_WRITER = YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new Yaml11Quoting())
                    .build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build()
            .writer();

    private ContentCodec() {
    }

    static JsonNode readYaml(byte[] text) throws IOException {
        return YAML_READER.readTree(text);
    }

    static JsonNode readJson(byte[] text) throws IOException {
        return JSON_READER.readTree(text);
    }

    /** YAML text of {@code tree} with object members sorted at every level. */
    static String toYaml(JsonNode tree) {
        try {
            return YAML_WRITER.writeValueAsString(sorted(tree));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write content YAML", e);
        }
    }

    /** A deep copy of {@code node} whose object members are in {@link String} order. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node.deepCopy();
    }

    /**
     * Also quotes what Go's YAML 1.1 resolver reads as non-strings but Jackson's default check
     * lets through: the merge key {@code <<}, the value key {@code =}, and anything starting
     * like a number ({@code 0o17} and {@code 1_000} are ints for Go, {@code 1:20} is base 60
     * in YAML 1.1). Quoting a version such as {@code 4.8.0} too is harmless.
     */
    private static final class Yaml11Quoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || yaml11Special(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || yaml11Special(value);
        }

        private static boolean yaml11Special(String s) {
            if (s.isEmpty()) {
                return false;
            }
            if (s.equals("<<") || s.equals("=")) {
                return true;
            }
            char first = s.charAt(0);
            if (first >= '0' && first <= '9') {
                return true;
            }
            if (s.length() > 1 && (first == '+' || first == '-' || first == '.')) {
                char second = s.charAt(1);
                return (second >= '0' && second <= '9') || second == '.';
            }
            return false;
        }
    }
}
