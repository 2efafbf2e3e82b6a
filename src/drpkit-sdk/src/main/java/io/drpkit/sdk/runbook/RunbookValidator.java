package io.drpkit.sdk.runbook;

import static io.drpkit.sdk.runbook.Problems.quote;

import io.drpkit.sdk.internal.text.GoDurations;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The semantic checks of a runbook (names, {@code #!} lines, env names, paths, references,
 * cycles). Every problem is collected; nothing stops at the first.
 */
final class RunbookValidator {
    /** Runbook Ids, step, input and output names: safe as file names and in messages. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Set<String> RESERVED_ENV = Set.of("PATH", "HOME", "LANG", "TMPDIR");

    private RunbookValidator() {
    }

    static void check(String id, String apiVersion, List<Step> create, List<Step> delete, Problems problems) {
        if (id.isEmpty()) {
            problems.runbook("Id is missing");
        } else if (!ID.matcher(id).matches()) {
            problems.runbook("Id must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (!Runbook.API_VERSION.equals(apiVersion)) {
            problems.runbook("apiVersion " + quote(apiVersion) + " is not supported (expected "
                    + quote(Runbook.API_VERSION) + ")");
        }
        if (create.isEmpty() && delete.isEmpty()) {
            problems.runbook("has no steps (create and delete are both empty)");
        }
        Map<String, Step> createByName = new HashMap<>();
        Map<String, Phase> phaseOf = new HashMap<>();
        checkNames(create, Phase.CREATE, phaseOf, createByName, problems);
        Map<String, Step> deleteByName = new HashMap<>();
        checkNames(delete, Phase.DELETE, phaseOf, deleteByName, problems);

        for (Step s : create) {
            checkStep(s, Phase.CREATE, createByName, deleteByName, problems);
        }
        for (Step s : delete) {
            checkStep(s, Phase.DELETE, createByName, deleteByName, problems);
        }
        checkCycles(create, problems);
        checkCycles(delete, problems);
    }

    private static void checkNames(List<Step> steps, Phase phase, Map<String, Phase> phaseOf,
                                   Map<String, Step> byName, Problems problems) {
        for (Step s : steps) {
            if (!NAME.matcher(s.name()).matches()) {
                problems.step(quote(s.name()), "name must be 1-63 letters, digits, '_' or '-', "
                        + "starting with a letter or digit");
            }
            Phase seen = phaseOf.putIfAbsent(s.name(), phase);
            if (seen != null) {
                problems.step(quote(s.name()), "duplicate step name (already used by a "
                        + seen + " step; names are unique across create and delete)");
            } else {
                byName.put(s.name(), s);
            }
        }
    }

    private static void checkStep(Step s, Phase phase, Map<String, Step> createByName,
                                  Map<String, Step> deleteByName, Problems problems) {
        String label = quote(s.name());
        checkScript(s.script(), label, problems);
        s.timeout().ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                problems.step(label, "timeout must be positive, got " + GoDurations.format(t));
            }
        });

        Set<String> inputNames = new HashSet<>();
        Set<String> envs = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (Input in : s.inputs()) {
            String what = "input " + quote(in.name());
            if (!NAME.matcher(in.name()).matches()) {
                problems.step(label, what + ": name must be 1-63 letters, digits, '_' or '-', "
                        + "starting with a letter or digit");
            }
            if (!inputNames.add(in.name())) {
                problems.step(label, "duplicate input name " + quote(in.name()));
            }
            checkSource(in, what, phase, createByName, deleteByName, label, problems);
            if (in.env().isEmpty() && in.path().isEmpty()) {
                problems.step(label, what + " is not delivered: set as.env and/or as.path");
            }
            in.env().ifPresent(env -> {
                if (!ENV.matcher(env).matches()) {
                    problems.step(label, what + ": as.env " + quote(env)
                            + " is not a valid environment variable name (letters, digits, '_'; not starting with a digit)");
                } else if (RESERVED_ENV.contains(env) || env.startsWith("RUNBOOK_") || env.startsWith("RS_")) {
                    problems.step(label, what + ": as.env " + quote(env)
                            + " is reserved (PATH, HOME, LANG, TMPDIR, RUNBOOK_* and RS_* are set by the executor)");
                } else if (!envs.add(env)) {
                    problems.step(label, what + ": as.env " + quote(env) + " is used by another input");
                }
            });
            in.path().ifPresent(p -> {
                String problem = relativePathProblem(p);
                if (problem != null) {
                    problems.step(label, what + ": as.path " + quote(p) + " " + problem);
                } else if (!paths.add(Path.of(p).normalize().toString())) {
                    problems.step(label, what + ": as.path " + quote(p) + " is used by another input");
                }
            });
        }

        Set<String> outputNames = new HashSet<>();
        for (Output out : s.outputs()) {
            if (!NAME.matcher(out.name()).matches()) {
                problems.step(label, "output " + quote(out.name()) + ": name must be 1-63 letters, "
                        + "digits, '_' or '-', starting with a letter or digit");
            }
            if (!outputNames.add(out.name())) {
                problems.step(label, "duplicate output name " + quote(out.name()));
            }
            if (out.valueFromPath().isBlank()) {
                problems.step(label, "output " + quote(out.name()) + ": valueFromPath is empty");
            } else {
                try {
                    Path.of(out.valueFromPath());
                } catch (InvalidPathException e) {
                    problems.step(label, "output " + quote(out.name()) + ": valueFromPath "
                            + quote(out.valueFromPath()) + " is not a valid path");
                }
            }
        }
    }

    private static void checkScript(String script, String label, Problems problems) {
        if (script.isEmpty()) {
            problems.step(label, "script is missing");
            return;
        }
        if (!script.startsWith("#!")) {
            problems.step(label, "script must start with a \"#!\" line naming its interpreter, "
                    + "e.g. #!/bin/sh");
            return;
        }
        try {
            Shebang.parse(script);
        } catch (IllegalArgumentException e) {
            problems.step(label, "script " + e.getMessage());
        }
    }

    private static void checkSource(Input in, String what, Phase phase, Map<String, Step> createByName,
                                    Map<String, Step> deleteByName, String label, Problems problems) {
        InputSource src = in.source();
        if (src instanceof InputSource.Param p && p.name().isBlank()) {
            problems.step(label, what + ": valueFromParam is empty");
        } else if (src instanceof InputSource.MachineField m && m.field().isBlank()) {
            problems.step(label, what + ": valueFromMachine is empty");
        } else if (src instanceof InputSource.StepOutput ref) {
            Step producer = phase == Phase.CREATE ? createByName.get(ref.step())
                    : deleteByName.getOrDefault(ref.step(), createByName.get(ref.step()));
            if (producer == null) {
                if (phase == Phase.CREATE && deleteByName.containsKey(ref.step())) {
                    problems.step(label, what + " reads step " + quote(ref.step())
                            + " of the delete phase; create steps can only read create steps");
                } else {
                    problems.step(label, what + " reads unknown step " + quote(ref.step()));
                }
            } else if (producer.output(ref.output()).isEmpty()) {
                problems.step(label, what + " reads unknown output " + quote(ref.output())
                        + " of step " + quote(ref.step()));
            }
        }
    }

    private static void checkCycles(List<Step> steps, Problems problems) {
        for (List<String> cycle : StepGraph.of(steps).cycles()) {
            StringBuilder how = new StringBuilder();
            for (int i = 0; i + 1 < cycle.size(); i++) {
                if (i > 0) {
                    how.append(", ");
                }
                how.append(cycle.get(i)).append(" reads ").append(cycle.get(i + 1));
            }
            problems.step(quote(cycle.get(0)), "inputs form a cycle: " + how);
        }
    }

    /** Why {@code p} is not a plain relative path inside the working directory, or null. */
    static String relativePathProblem(String p) {
        if (p.isBlank()) {
            return "is empty";
        }
        Path path;
        try {
            path = Path.of(p);
        } catch (InvalidPathException e) {
            return "is not a valid path";
        }
        if (path.isAbsolute() || p.startsWith("/")) {
            return "must be relative to the step's directory";
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                return "must not contain \"..\" (it would leave the step's directory)";
            }
        }
        if (path.normalize().toString().isEmpty()) {
            return "names the step's directory itself, not a file";
        }
        return null;
    }
}
