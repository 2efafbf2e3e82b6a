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
 * DRP's {@code models.Reservation} ({@code reservations}, keyed by {@code Addr}): a DHCP address kept for one client. A typed view that keeps every member DRP sent (see {@link DrpObject}).
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class Reservation extends DrpObject {
    static final String PREFIX = "reservations";

    private Reservation(ObjectNode json) {
        super(json);
    }

    /** A view of {@code json} (copied), which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Reservation of(JsonNode json) {
        return new Reservation(copyOf(json, "Reservation"));
    }

    /** A new, otherwise empty object keyed {@code key}, for {@code DrpApi.create}. */
    public static Reservation named(String key) {
        return new Reservation(JsonNodeFactory.instance.objectNode().put("Addr", Objects.requireNonNull(key, "key == null")));
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String keyMember() {
        return "Addr";
    }

    @Override
    Reservation rewrap(ObjectNode json) {
        return new Reservation(json);
    }

    public String addr() {
        return text("Addr");
    }

    public Reservation withAddr(String value) {
        return (Reservation) with("Addr", value);
    }
    public String token() {
        return text("Token");
    }

    public Reservation withToken(String value) {
        return (Reservation) with("Token", value);
    }
    public String subnet() {
        return text("Subnet");
    }

    public Reservation withSubnet(String value) {
        return (Reservation) with("Subnet", value);
    }
    public String nextServer() {
        return text("NextServer");
    }

    public Reservation withNextServer(String value) {
        return (Reservation) with("NextServer", value);
    }
    public String strategy() {
        return text("Strategy");
    }

    public Reservation withStrategy(String value) {
        return (Reservation) with("Strategy", value);
    }
    public String description() {
        return text("Description");
    }

    public Reservation withDescription(String value) {
        return (Reservation) with("Description", value);
    }
    public boolean scoped() {
        return bool("Scoped");
    }

    public Reservation withScoped(boolean value) {
        return (Reservation) with("Scoped", value);
    }
    public long duration() {
        return number("Duration");
    }

    /** {@code Options}: the DHCP options ({@code Code}, {@code Value}), as sent. */
    public List<JsonNode> options() {
        return elements("Options");
    }

    public Reservation withMeta(String key, String value) {
        return (Reservation) withMetaEntry(key, value);
    }

    /** A copy with any member set, e.g. one this SDK has no typed method for. */
    public Reservation withMember(String name, JsonNode value) {
        return (Reservation) with(name, value);
    }
}
