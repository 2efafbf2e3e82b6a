package io.drpkit.sdk.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.model.AvailableAction;
import io.drpkit.sdk.model.PluginProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code define} prints, written with jackson-core's generator alone: the same bytes as
 * {@code DrpJson.prettyWriter().writeValueAsString(provider)} (a test compares the two), without
 * building an {@code ObjectMapper} and its serializers, which is most of the cost of a
 * {@code define}. Member order is {@link PluginProvider}'s {@code @JsonPropertyOrder}. A
 * {@code StoreObjects} schema holding node types the mapper alone knows how to write (binary, POJO)
 * is written by the mapper instead. Thread-safe.
 */
public final class PrettyJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DefaultPrettyPrinter GO_STYLE = goStylePrinter();

    private PrettyJson() {
    }

    /** Two-space indentation, {@code "Key": value}, empty containers as {@code {}} and {@code []}. */
    static DefaultPrettyPrinter goStyle() {
        return GO_STYLE;
    }

    /** {@code provider} as {@code define} prints it, without the final newline. */
    public static String pluginProvider(PluginProvider provider) {
        for (JsonNode schema : provider.storeObjects().values()) {
            if (!streamable(schema)) {
                return mapperFallback(provider);
            }
        }
        StringWriter out = new StringWriter(provider.content().length() + 4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(GO_STYLE.createInstance());
            write(g, provider);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the provider definition", e);
        }
        return out.toString();
    }

    private static String mapperFallback(PluginProvider provider) {
        try {
            return DrpJson.prettyWriter().writeValueAsString(provider);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the provider definition", e);
        }
    }

    private static void write(JsonGenerator g, PluginProvider p) throws IOException {
        g.writeStartObject();
        g.writeFieldName("Meta");
        g.writeStartObject();
        for (Map.Entry<String, String> e : p.meta().entrySet()) {
            g.writeFieldName(e.getKey());
            g.writeString(e.getValue());
        }
        g.writeEndObject();
        g.writeFieldName("Name");
        g.writeString(p.name());
        g.writeFieldName("Version");
        g.writeString(p.version());
        g.writeFieldName("PluginVersion");
        g.writeNumber(p.pluginVersion());
        g.writeFieldName("AutoStart");
        g.writeBoolean(p.autoStart());
        g.writeFieldName("HasPublish");
        g.writeBoolean(p.hasPublish());
        g.writeFieldName("AvailableActions");
        g.writeStartArray();
        for (AvailableAction a : p.availableActions()) {
            g.writeStartObject();
            g.writeFieldName("Provider");
            g.writeString(a.provider());
            g.writeFieldName("Model");
            g.writeString(a.model());
            g.writeFieldName("Command");
            g.writeString(a.command());
            g.writeFieldName("RequiredParams");
            strings(g, a.requiredParams());
            g.writeFieldName("OptionalParams");
            strings(g, a.optionalParams());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("RequiredParams");
        strings(g, p.requiredParams());
        g.writeFieldName("OptionalParams");
        strings(g, p.optionalParams());
        g.writeFieldName("StoreObjects");
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : p.storeObjects().entrySet()) {
            g.writeFieldName(e.getKey());
            node(g, e.getValue());
        }
        g.writeEndObject();
        g.writeFieldName("Documentation");
        g.writeString(p.documentation());
        g.writeFieldName("Content");
        g.writeString(p.content());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** True if {@link #node} writes {@code n} exactly as the mapper would. */
    private static boolean streamable(JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT:
            case ARRAY:
                for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                    if (!streamable(it.next())) {
                        return false;
                    }
                }
                return true;
            case STRING:
            case BOOLEAN:
            case NULL:
                return true;
            case NUMBER:
                switch (n.numberType()) {
                    case INT:
                    case LONG:
                    case BIG_INTEGER:
                    case DOUBLE:
                    case FLOAT:
                        return true;
                    default:
                        return false; // BigDecimal: its plain/scientific form is the mapper's setting
                }
            default:
                return false; // binary, POJO, missing
        }
    }

    private static void node(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT:
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    node(g, e.getValue());
                }
                g.writeEndObject();
                break;
            case ARRAY:
                g.writeStartArray();
                for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                    node(g, it.next());
                }
                g.writeEndArray();
                break;
            case STRING:
                g.writeString(n.textValue());
                break;
            case BOOLEAN:
                g.writeBoolean(n.booleanValue());
                break;
            case NULL:
                g.writeNull();
                break;
            default:
                switch (n.numberType()) {
                    case INT:
                        g.writeNumber(n.intValue());
                        break;
                    case LONG:
                        g.writeNumber(n.longValue());
                        break;
                    case BIG_INTEGER:
                        g.writeNumber(n.bigIntegerValue());
                        break;
                    case FLOAT:
                        g.writeNumber(n.floatValue());
                        break;
                    default:
                        g.writeNumber(n.doubleValue());
                        break;
                }
        }
    }

    private static DefaultPrettyPrinter goStylePrinter() {
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
        printer.indentArraysWith(lf);
        printer.indentObjectsWith(lf);
        return printer;
    }
}
