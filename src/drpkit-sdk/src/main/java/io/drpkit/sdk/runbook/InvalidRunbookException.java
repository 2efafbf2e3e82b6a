package io.drpkit.sdk.runbook;

import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import java.util.List;
import java.util.Objects;

/**
 * A runbook document or definition that cannot be used: Code 422, Type {@code runbook}, Model
 * {@code runbooks}, Key the runbook's Id, and one message per problem, each naming the runbook
 * and the step, e.g. {@code runbook "tree" step "join": input "left" reads unknown output "dir" of
 * step "mkleft"}. Every problem found is reported at once; nothing of the runbook runs.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class InvalidRunbookException extends PluginException {
    private static final long serialVersionUID = 1L;
    /** The HTTP code of the error: the document is well-formed but not usable. */
    public static final int CODE = 422;

    private final String runbookId;
    private final List<String> problems;

    /**
     * @param runbookId the runbook's Id, or empty when the document has none
     * @param problems  one self-contained message per problem; not empty
     */
    public InvalidRunbookException(String runbookId, List<String> problems) {
        super(error(runbookId, problems));
        this.runbookId = runbookId;
        this.problems = List.copyOf(problems);
    }

    /** The Id of the rejected runbook, or empty when it had none. */
    public String runbookId() {
        return runbookId;
    }

    /** Every problem found, in document order. */
    public List<String> problems() {
        return problems;
    }

    private static DrpError error(String runbookId, List<String> problems) {
        Objects.requireNonNull(runbookId, "runbookId == null");
        Objects.requireNonNull(problems, "problems == null");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems is empty");
        }
        return DrpError.builder(CODE, "runbook").model("runbooks").key(runbookId)
                .messages(problems).build();
    }
}
