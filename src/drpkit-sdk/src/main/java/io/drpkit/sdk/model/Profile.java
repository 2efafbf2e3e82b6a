package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * DRP's {@code models.Profile} ({@code profiles}, keyed by {@code Name}): a named set of params that machines (and other profiles) include; {@code global} applies to every machine. A typed view that keeps every member DRP sent (see {@link DrpObject}).
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class Profile extends DrpObject {
    static final String PREFIX = "profiles";

    private Profile(ObjectNode json) {
        super(json);
    }

    /** A view of {@code json} (copied), which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Profile of(JsonNode json) {
        return new Profile(copyOf(json, "Profile"));
    }

    /** A new, otherwise empty object keyed {@code key}, for {@code DrpApi.create}. */
    public static Profile named(String key) {
        return new Profile(JsonNodeFactory.instance.objectNode().put("Name", Objects.requireNonNull(key, "key == null")));
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String keyMember() {
        return "Name";
    }

    @Override
    Profile rewrap(ObjectNode json) {
        return new Profile(json);
    }

    public String name() {
        return text("Name");
    }

    public String description() {
        return text("Description");
    }

    public String documentation() {
        return text("Documentation");
    }

    public Profile withDescription(String description) {
        return (Profile) with("Description", description);
    }

    public Profile withDocumentation(String documentation) {
        return (Profile) with("Documentation", documentation);
    }
    /** The params set on this object (secure ones as DRP stored them: SecureData). */
    public Map<String, JsonNode> params() {
        return paramsMap();
    }

    /** One param set on this object; empty when unset or null. */
    public Optional<JsonNode> param(String name) {
        return paramValue(name);
    }

    public Profile withParam(String name, JsonNode value) {
        return (Profile) withParamValue(name, value);
    }

    public Profile withoutParam(String name) {
        return (Profile) withoutParamValue(name);
    }
    public List<String> profiles() {
        return strings("Profiles");
    }

    public Profile withProfiles(List<String> values) {
        return (Profile) with("Profiles", values);
    }
    public Profile withMeta(String key, String value) {
        return (Profile) withMetaEntry(key, value);
    }

    /** A copy with any member set, e.g. one this SDK has no typed method for. */
    public Profile withMember(String name, JsonNode value) {
        return (Profile) with(name, value);
    }
}
