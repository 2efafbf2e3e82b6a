package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * digitalrebar/logger's {@code Line} (spec §5.4): one log line posted to the host.
 * Immutable and thread-safe.
 *
 * @param group         logger group; each request gets a new one
 * @param seq           process-wide, strictly increasing from 1
 * @param level         lower-case level name: trace, debug, info, warn, error, fatal, panic, audit
 * @param data          auxiliary values (plain JSON values)
 * @param ignorePublish record the line but do not re-broadcast it as an event
 * @since 0.1
 */
@JsonPropertyOrder({"Group", "Seq", "Time", "Service", "Principal", "Level", "File", "Line",
        "Message", "Data", "IgnorePublish"})
public record LogLine(
        @JsonProperty("Group") long group,
        @JsonProperty("Seq") long seq,
        @JsonProperty("Time") Instant time,
        @JsonProperty("Service") String service,
        @JsonProperty("Principal") String principal,
        @JsonProperty("Level") String level,
        @JsonProperty("File") String file,
        @JsonProperty("Line") int line,
        @JsonProperty("Message") String message,
        @JsonProperty("Data") List<Object> data,
        @JsonProperty("IgnorePublish") boolean ignorePublish) {

    @JsonCreator
    public LogLine {
        time = time == null ? Instant.EPOCH : time;
        service = service == null ? "" : service;
        principal = principal == null ? "" : principal;
        level = level == null ? "" : level.toLowerCase(java.util.Locale.ROOT);
        file = file == null ? "" : file;
        message = message == null ? "" : message;
        data = data == null ? List.of() : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(data));
    }
}
