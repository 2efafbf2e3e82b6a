package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.json.Rfc3339;
import java.time.Instant;
import java.util.Optional;

/**
 * DRP's {@code models.Job} ({@code jobs}, keyed by {@code Uuid}; spec §5.11): one run of one task
 * on one machine. A typed view that keeps every member DRP sent (see {@link DrpObject}).
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class Job extends DrpObject {
    static final String PREFIX = "jobs";

    private Job(ObjectNode json) {
        super(json);
    }

    /** A view of {@code json} (copied), which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Job of(JsonNode json) {
        return new Job(copyOf(json, "Job"));
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String keyMember() {
        return "Uuid";
    }

    @Override
    Job rewrap(ObjectNode json) {
        return new Job(json);
    }

    public String uuid() {
        return text("Uuid");
    }

    /** The job before this one on the same machine ({@code ""} or the nil UUID when none). */
    public String previous() {
        return text("Previous");
    }

    /** The machine's UUID. */
    public String machine() {
        return text("Machine");
    }

    public String task() {
        return text("Task");
    }

    public String stage() {
        return text("Stage");
    }

    public String workflow() {
        return text("Workflow");
    }

    public String bootEnv() {
        return text("BootEnv");
    }

    public String context() {
        return text("Context");
    }

    /** {@code created}, {@code running}, {@code failed}, {@code finished} or {@code incomplete}. */
    public String state() {
        return text("State");
    }

    /** {@code reboot}, {@code poweroff}, {@code stop}, {@code complete} or {@code failed}; empty while running. */
    public String exitState() {
        return text("ExitState");
    }

    /** Whether the job has ended ({@code failed}, {@code finished} or {@code incomplete}). */
    public boolean done() {
        String s = state();
        return s.equals("failed") || s.equals("finished") || s.equals("incomplete");
    }

    public Optional<Instant> startTime() {
        return time("StartTime");
    }

    /** Empty while the job runs (DRP's zero time {@code 0001-01-01T00:00:00Z}). */
    public Optional<Instant> endTime() {
        return time("EndTime");
    }

    public boolean archived() {
        return bool("Archived");
    }

    public boolean current() {
        return bool("Current");
    }

    public int currentIndex() {
        return (int) number("CurrentIndex");
    }

    public int nextIndex() {
        return (int) number("NextIndex");
    }

    public Job withState(String state) {
        return (Job) with("State", state);
    }

    public Job withExitState(String exitState) {
        return (Job) with("ExitState", exitState);
    }

    public Job withMeta(String key, String value) {
        return (Job) withMetaEntry(key, value);
    }

    public Job withMember(String name, JsonNode value) {
        return (Job) with(name, value);
    }

    private Optional<Instant> time(String member) {
        String t = text(member);
        if (t.isEmpty() || t.startsWith("0001-01-01")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Rfc3339.parse(t));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
