package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.content.ContentPack;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.runbook.InvalidRunbookException;
import io.drpkit.sdk.runbook.Runbook;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the runbook an action names. In order:
 * <ol>
 *   <li>the {@value Runbook#TYPE} object with that {@code Id} in DRP ({@code GET
 *       runbooks/<id>}): one added at runtime through the API, or the copy DRP keeps of this
 *       provider's content pack. Read on every call, so a runbook added or changed in DRP is
 *       used by the next action, without a rebuild or a restart;</li>
 *   <li>else the built-in copy in the provider's bundled content pack (section
 *       {@value Runbook#TYPE}), for a DRP that has no such object (its content not loaded yet,
 *       or the object deleted).</li>
 * </ol>
 * Nothing is cached but the parsed content pack. Thread-safe.
 */
final class RunbookCatalog {
    /** Where a resolved runbook came from. */
    enum Source {
        DRP("drp"), BUILT_IN("built-in"),
        /** The version create ran, kept by the provider (the runbook changed or went since). */
        KEPT("kept");

        private final String wireName;

        Source(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    /** A runbook and where it was found. */
    record Resolved(Runbook runbook, Source source) {
        Resolved {
            Objects.requireNonNull(runbook, "runbook == null");
            Objects.requireNonNull(source, "source == null");
        }
    }

    private final Supplier<ContentPack> pack;
    private volatile Map<String, JsonNode> builtIns;

    /** @param pack the bundled content pack, read on first need (e.g. {@code ContentPack::fromClasspath}) */
    RunbookCatalog(Supplier<ContentPack> pack) {
        this.pack = Objects.requireNonNull(pack, "pack == null");
    }

    /** The content pack's params declared {@code Secure: true} (read decoded, never logged). */
    java.util.Set<String> secureParams() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        pack.get().params().forEach((name, p) -> {
            if (p.secure()) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * The runbook {@code id}, from DRP, else built in.
     *
     * @throws PluginException 404 listing the runbooks there are, if neither has it; 422 naming the
     *     runbook, where it was found and each step problem, if it is not valid; DRP's error (with
     *     a first message saying what was looked up) if DRP cannot be asked
     */
    Resolved resolve(DrpApi api, String id) {
        Objects.requireNonNull(api, "api == null");
        Objects.requireNonNull(id, "id == null");
        Optional<JsonNode> stored;
        try {
            stored = api.find(Runbook.TYPE + "/" + id);
        } catch (PluginException e) {
            throw new PluginException(prepend(e.error(), "cannot look up runbook \"" + id + "\" in DRP ("
                    + Runbook.TYPE + "/" + id + ")"), e);
        }
        if (stored.isPresent()) {
            return new Resolved(parse(stored.get(), id, "the " + Runbook.TYPE + " object in DRP"), Source.DRP);
        }
        JsonNode builtIn = builtIns().get(id);
        if (builtIn != null) {
            return new Resolved(parse(builtIn, id, "the provider's built-in copy"), Source.BUILT_IN);
        }
        throw new PluginException(DrpError.builder(404, "plugin").model(Runbook.TYPE).key(id)
                .message("runbook \"" + id + "\" not found: DRP has no " + Runbook.TYPE + " object with that Id"
                        + drpIds(api) + " and none is built in (built in: " + String.join(", ", builtInIds()) + ")")
                .build());
    }

    /**
     * The runbook {@code id} as {@link #resolve} finds it, or empty when neither DRP nor the
     * built-ins have it.
     */
    Optional<Resolved> find(DrpApi api, String id) {
        try {
            return Optional.of(resolve(api, id));
        } catch (PluginException e) {
            if (e.error().code() == 404 && Runbook.TYPE.equals(e.error().model())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The built-in copy of {@code id}, if there is one and it is valid. */
    Optional<Runbook> builtIn(String id) {
        JsonNode json = builtIns().get(id);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Runbook.of(json));
        } catch (InvalidRunbookException e) {
            return Optional.empty();
        }
    }

    /** The Ids of the built-in runbooks, sorted. */
    List<String> builtInIds() {
        return List.copyOf(builtIns().keySet());
    }

    private Map<String, JsonNode> builtIns() {
        Map<String, JsonNode> b = builtIns;
        if (b == null) {
            b = pack.get().content().section(Runbook.TYPE); // sorted by Id, copies
            builtIns = b;
        }
        return b;
    }

    private static Runbook parse(JsonNode json, String id, String where) {
        try {
            return Runbook.of(json);
        } catch (InvalidRunbookException e) {
            throw new PluginException(prepend(e.error(), "runbook \"" + id + "\" (" + where + ") is not valid:"), e);
        }
    }

    /** {@code " (it has: a, b)"}, or nothing when DRP cannot list them; only for the not-found message. */
    private static String drpIds(DrpApi api) {
        try {
            List<String> ids = api.list(Runbook.TYPE, Map.of()).stream()
                    .map(o -> o.path("Id").asText("")).filter(s -> !s.isEmpty()).sorted().toList();
            return ids.isEmpty() ? "" : " (it has: " + String.join(", ", ids) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** {@code error} with {@code first} before its messages (the builder only appends). */
    private static DrpError prepend(DrpError error, String first) {
        return DrpError.builder(error.code(), error.type()).model(error.model()).key(error.key())
                .message(first).messages(error.messages()).build();
    }
}
