package io.drpkit.sdk.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The one JSON configuration for everything on the wire.
 *
 * <p>Members are written with DRP's PascalCase names as declared on the value types, in
 * declaration order, zero values included; reading accepts any letter case, ignores unknown
 * members and keeps untyped numbers as numbers (spec §0.1). Only immutable {@link ObjectReader}s
 * and {@link ObjectWriter}s are handed out, so this holds no mutable static state. Thread-safe.
 */
public final class DrpJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .addModule(new SimpleModule("drp-time")
                    .addSerializer(Instant.class, new Rfc3339.Serializer())
                    .addDeserializer(Instant.class, new Rfc3339.Deserializer()))
            .build();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writer(PrettyJson.goStyle());
    private static final ObjectReader READER = MAPPER.reader();

    private DrpJson() {
    }

    /** Compact writer: what goes over the sockets. */
    public static ObjectWriter writer() {
        return COMPACT;
    }

    /** Two-space indented writer with {@code "Key": value} spacing, as {@code define} prints. */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** Reader for any target type: {@code reader().forType(Foo.class)}. */
    public static ObjectReader reader() {
        return READER;
    }

    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        return READER.forType(type).readValue(json);
    }

    public static <T> T read(String json, Class<T> type) throws IOException {
        return READER.forType(type).readValue(json);
    }

    public static JsonNode readTree(byte[] json) throws IOException {
        return READER.readTree(json);
    }

    public static JsonNode readTree(String json) throws IOException {
        return READER.readTree(json);
    }

    /** Compact JSON text of {@code value}. */
    public static String write(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return COMPACT.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    /** The JSON tree of {@code value} as it would be written. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Converts a tree or value into {@code type} through the wire mapping. */
    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }

    public static ObjectNode objectNode() {
        return JsonNodeFactory.instance.objectNode();
    }

}
