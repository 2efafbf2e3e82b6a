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
 * DRP's {@code models.Subnet} ({@code subnets}, keyed by {@code Name}): a DHCP subnet DRP serves. A typed view that keeps every member DRP sent (see {@link DrpObject}).
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class Subnet extends DrpObject {
    static final String PREFIX = "subnets";

    private Subnet(ObjectNode json) {
        super(json);
    }

    /** A view of {@code json} (copied), which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Subnet of(JsonNode json) {
        return new Subnet(copyOf(json, "Subnet"));
    }

    /** A new, otherwise empty object keyed {@code key}, for {@code DrpApi.create}. */
    public static Subnet named(String key) {
        return new Subnet(JsonNodeFactory.instance.objectNode().put("Name", Objects.requireNonNull(key, "key == null")));
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
    Subnet rewrap(ObjectNode json) {
        return new Subnet(json);
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

    public Subnet withDescription(String description) {
        return (Subnet) with("Description", description);
    }

    public Subnet withDocumentation(String documentation) {
        return (Subnet) with("Documentation", documentation);
    }
    public String subnet() {
        return text("Subnet");
    }

    public Subnet withSubnet(String value) {
        return (Subnet) with("Subnet", value);
    }
    public String activeStart() {
        return text("ActiveStart");
    }

    public Subnet withActiveStart(String value) {
        return (Subnet) with("ActiveStart", value);
    }
    public String activeEnd() {
        return text("ActiveEnd");
    }

    public Subnet withActiveEnd(String value) {
        return (Subnet) with("ActiveEnd", value);
    }
    public String nextServer() {
        return text("NextServer");
    }

    public Subnet withNextServer(String value) {
        return (Subnet) with("NextServer", value);
    }
    public String strategy() {
        return text("Strategy");
    }

    public Subnet withStrategy(String value) {
        return (Subnet) with("Strategy", value);
    }
    public List<String> pickers() {
        return strings("Pickers");
    }

    public Subnet withPickers(List<String> values) {
        return (Subnet) with("Pickers", values);
    }
    public boolean enabled() {
        return bool("Enabled");
    }

    public Subnet withEnabled(boolean value) {
        return (Subnet) with("Enabled", value);
    }
    public boolean proxy() {
        return bool("Proxy");
    }

    public Subnet withProxy(boolean value) {
        return (Subnet) with("Proxy", value);
    }
    public boolean unmanaged() {
        return bool("Unmanaged");
    }

    public Subnet withUnmanaged(boolean value) {
        return (Subnet) with("Unmanaged", value);
    }
    public boolean onlyReservations() {
        return bool("OnlyReservations");
    }

    public Subnet withOnlyReservations(boolean value) {
        return (Subnet) with("OnlyReservations", value);
    }
    public long activeLeaseTime() {
        return number("ActiveLeaseTime");
    }

    public long reservedLeaseTime() {
        return number("ReservedLeaseTime");
    }

    /** {@code Options}: the DHCP options ({@code Code}, {@code Value}), as sent. */
    public List<JsonNode> options() {
        return elements("Options");
    }

    public Subnet withMeta(String key, String value) {
        return (Subnet) withMetaEntry(key, value);
    }

    /** A copy with any member set, e.g. one this SDK has no typed method for. */
    public Subnet withMember(String name, JsonNode value) {
        return (Subnet) with(name, value);
    }
}
