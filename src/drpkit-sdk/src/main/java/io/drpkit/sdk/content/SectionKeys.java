package io.drpkit.sdk.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Which member keys an object of each section, after DRP's {@code Model.Key()} (models/*.go):
 * the built-in types name their key member; any other prefix is a {@code RawModel} keyed by
 * {@code Id}. Stateless.
 */
final class SectionKeys {
    static final String TEMPLATES = "templates";
    static final String RAW_MODEL_KEY = "Id";

    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("bootenvs", "Name"),
            Map.entry("contexts", "Name"),
            Map.entry("interfaces", "Name"),
            Map.entry("jobs", "Uuid"),
            Map.entry("leases", "Addr"),
            Map.entry("machines", "Uuid"),
            Map.entry("params", "Name"),
            Map.entry("plugin_providers", "Name"),
            Map.entry("plugins", "Name"),
            Map.entry("preferences", "Name"),
            Map.entry("profiles", "Name"),
            Map.entry("reservations", "Addr"),
            Map.entry("roles", "Name"),
            Map.entry("stages", "Name"),
            Map.entry("subnets", "Name"),
            Map.entry("tasks", "Name"),
            Map.entry(TEMPLATES, "ID"),
            Map.entry("tenants", "Name"),
            Map.entry("users", "Name"),
            Map.entry("workflows", "Name"));

    private SectionKeys() {
    }

    /** The member that keys objects of {@code prefix}. */
    static String keyMember(String prefix) {
        return BUILT_IN.getOrDefault(prefix, RAW_MODEL_KEY);
    }

    /**
     * The key of {@code object}, read from {@code file}.
     *
     * @throws IllegalArgumentException naming the file and the member if it is missing, not a
     *     string or blank
     */
    static String keyOf(String prefix, JsonNode object, Path file) {
        String member = keyMember(prefix);
        // Go decodes built-in types with encoding/json, which matches member names ignoring case;
        // a RawModel is a plain map, so there the name must be exact.
        JsonNode value = BUILT_IN.containsKey(prefix) ? getIgnoringCase(object, member) : object.get(member);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(file + ": " + prefix + " object has no '" + member
                    + "' member (its key)");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": " + prefix + " member '" + member
                    + "' (its key) must be a non-empty string, got " + value);
        }
        String key = value.asText();
        return member.equals("Addr") ? hexAddr(key, file) : key;
    }

    private static JsonNode getIgnoringCase(JsonNode object, String member) {
        JsonNode exact = object.get(member);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(member)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** DRP's {@code Hexaddr}: an IPv4 address as eight upper-case hex digits. */
    private static String hexAddr(String addr, Path file) {
        String[] parts = addr.split("\\.", -1);
        StringBuilder hex = new StringBuilder(8);
        if (parts.length == 4) {
            for (String part : parts) {
                if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                    break;
                }
                hex.append(String.format("%02X", Integer.parseInt(part)));
            }
        }
        if (hex.length() != 8) {
            throw new IllegalArgumentException(file + ": member 'Addr' (its key) must be an IPv4 address, got '"
                    + addr + "'");
        }
        return hex.toString();
    }
}
