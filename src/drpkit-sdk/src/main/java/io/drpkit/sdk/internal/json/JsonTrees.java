package io.drpkit.sdk.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON trees read with jackson-core's streaming parser alone, for start-up paths that must not
 * pay for building an {@code ObjectMapper} (about 400 classes). Produces the same node types an
 * {@code ObjectMapper}'s {@code readTree} does with default settings (ints as {@code IntNode},
 * {@code LongNode} or {@code BigIntegerNode}, other numbers as {@code DoubleNode}), with
 * duplicate member names rejected. Thread-safe: the factory is immutable once built.
 */
public final class JsonTrees {
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonFactory PLAIN = new JsonFactory();

    private JsonTrees() {
    }

    /** Reads one JSON document; a duplicate member name is a {@link JsonParseException}. */
    public static JsonNode readStrict(InputStream in) throws IOException {
        try (JsonParser p = STRICT.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonParseException(p, "no JSON content");
            }
            return value(p, t);
        }
    }

    /**
     * The member names of a JSON object document, in document order, without building its
     * values.
     *
     * @throws IOException if the text is not JSON or not an object
     */
    public static List<String> topLevelNames(String json) throws IOException {
        try (JsonParser p = PLAIN.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object");
            }
            List<String> names = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                names.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
            return names;
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                for (JsonToken n = p.nextToken(); n == JsonToken.FIELD_NAME; n = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    a.add(value(p, n));
                }
                return a;
            }
            case VALUE_STRING:
                return f.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return f.numberNode(p.getIntValue());
                    case LONG:
                        return f.numberNode(p.getLongValue());
                    default:
                        return f.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return f.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return f.booleanNode(true);
            case VALUE_FALSE:
                return f.booleanNode(false);
            case VALUE_NULL:
                return f.nullNode();
            default:
                throw new JsonParseException(p, "unexpected token " + t);
        }
    }
}
