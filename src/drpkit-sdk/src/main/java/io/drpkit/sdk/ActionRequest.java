package io.drpkit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.model.Action;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of an action: the target object, the params (validated, defaults applied) and the
 * configuration in force when it arrived. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ActionRequest {
    private final ActionSpec spec;
    private final Action action;
    private final Params params;
    private final Config config;
    private final JobLogger jobLogger;

    private ActionRequest(ActionSpec spec, Action action, Params params, Config config, JobLogger jobLogger) {
        this.spec = spec;
        this.action = action;
        this.params = params;
        this.config = config;
        this.jobLogger = jobLogger;
    }

    /** A request for {@code spec}; {@code params} are the effective (checked) params; no job logger. */
    public static ActionRequest of(ActionSpec spec, Action action, Params params, Config config) {
        return of(spec, action, params, config, JobLogger.none());
    }

    /**
     * A request for {@code spec} running with {@code jobLogger} (the SDK passes the logger of the
     * job named by the machine's {@code CurrentJob}).
     *
     * @since 0.2
     */
    public static ActionRequest of(ActionSpec spec, Action action, Params params, Config config, JobLogger jobLogger) {
        return new ActionRequest(Objects.requireNonNull(spec, "spec == null"),
                Objects.requireNonNull(action, "action == null"),
                Objects.requireNonNull(params, "params == null"),
                Objects.requireNonNull(config, "config == null"),
                Objects.requireNonNull(jobLogger, "jobLogger == null"));
    }

    /**
     * The log of the job this action runs in ({@link #jobUuid()}), made by the SDK for this call:
     * lines written to it, and everything the handler's thread logs at INFO or above, go to the
     * job's log as well as DRP's; it is flushed in the background and closed (flushed, bounded
     * wait) by the SDK after the handler returns, and never fails the action. Outside a job it is
     * {@link JobLogger#none()} (lines go nowhere, {@link JobLogger#logger} still logs to DRP).
     *
     * <pre>{@code
     * Logger log = request.jobLogger().logger(getClass());
     * log.info("powering on {}", address);          // DRP's log and the job's log
     * }</pre>
     *
     * @since 0.2
     */
    public JobLogger jobLogger() {
        return jobLogger;
    }

    public ActionSpec spec() {
        return spec;
    }

    public String command() {
        return action.command();
    }

    public String commandSet() {
        return action.commandSet();
    }

    /** The plugin instance the host addressed. */
    public String plugin() {
        return action.plugin();
    }

    /** The target object (a copy); JSON null for system-level actions. */
    public JsonNode model() {
        return action.model();
    }

    /** The target's {@code Uuid} (machines) or {@code Name}, if the target has one. */
    public Optional<String> targetKey() {
        JsonNode m = action.model();
        for (String member : new String[] {"Uuid", "Name", "Id"}) {
            JsonNode v = m.get(member);
            if (v != null && v.isTextual() && !v.textValue().isEmpty()) {
                return Optional.of(v.textValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The DRP job this action runs in, when it runs inside one: the target machine's
     * {@code CurrentJob} (DRP sets it while a machine's task list, and so a plugin action in it,
     * runs). Empty for other targets, and when {@code CurrentJob} is absent, empty or the nil
     * UUID.
     *
     * @since 0.1
     */
    public Optional<String> jobUuid() {
        JsonNode job = action.model().get("CurrentJob");
        if (job == null || !job.isTextual()) {
            return Optional.empty();
        }
        String uuid = job.textValue().trim();
        if (uuid.isEmpty() || uuid.chars().allMatch(c -> c == '0' || c == '-')) {
            return Optional.empty();
        }
        return Optional.of(uuid);
    }

    /**
     * A {@link JobLog} for {@link #jobUuid()}, through this request's session; a new one on each
     * call, so keep it for the action's duration and close it.
     *
     * @since 0.1
     */
    public Optional<JobLog> jobLog() {
        return jobUuid().map(uuid -> JobLog.of(api(), uuid));
    }

    public Params params() {
        return params;
    }

    /** The raw action as received. */
    public Action action() {
        return action;
    }

    public Config config() {
        return config;
    }

    public DrpApi api() {
        return config.api();
    }

    public Host host() {
        return config.host();
    }
}
