package io.drpkit.sdk.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;

/**
 * Writes an empty list as {@code null}: Go's nil slice, which is what DRP sends for an error
 * without messages ({@code "Messages":null}, spec §3.1, §3.4).
 */
public final class EmptyAsNull extends StdSerializer<List<?>> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EmptyAsNull() {
        super((Class) List.class);
    }

    @Override
    public void serialize(List<?> value, JsonGenerator gen, SerializerProvider provider)
            throws IOException {
        if (value.isEmpty()) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray(value, value.size());
        for (Object item : value) {
            provider.defaultSerializeValue(item, gen);
        }
        gen.writeEndArray();
    }
}
