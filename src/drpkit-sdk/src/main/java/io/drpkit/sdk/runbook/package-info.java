/**
 * Runbooks: declarative two-phase step workflows, after Signadot's resource plugins.
 *
 * <p>A {@link io.drpkit.sdk.runbook.Runbook} is a named pair of step lists, {@code create} and
 * {@code delete}. Each {@link io.drpkit.sdk.runbook.Step} is a script with a {@code #!} line, named
 * {@link io.drpkit.sdk.runbook.Input inputs} (from an action or machine param, a machine field or
 * another step's output; delivered as an environment variable and/or a file) and
 * {@link io.drpkit.sdk.runbook.Output outputs} (read from files the script wrote). Order is implied
 * by which step consumes which output; a {@code delete} step may read outputs of {@code create}
 * steps, which the caller stores between the two phases.
 *
 * <p>{@link io.drpkit.sdk.runbook.Runbook#parse(String)} reads and validates the YAML or JSON
 * document; every {@code Runbook} instance is valid. {@link io.drpkit.sdk.runbook.RunbookExecutor}
 * runs one phase as a DAG of local processes, in parallel up to a bound, and returns a
 * {@link io.drpkit.sdk.runbook.RunResult}.
 *
 * @since 0.1
 */
package io.drpkit.sdk.runbook;
