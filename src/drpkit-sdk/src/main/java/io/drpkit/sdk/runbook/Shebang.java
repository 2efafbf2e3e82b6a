package io.drpkit.sdk.runbook;

import java.util.ArrayList;
import java.util.List;

/**
 * The interpreter command of a script's {@code #!} line, split as Linux does: the interpreter
 * path, then at most one argument (the rest of the line, trimmed).
 *
 * <p>The executor runs {@code interpreter [arg] scriptFile} itself rather than exec'ing the
 * script file: exec'ing a file this JVM just wrote fails now and then with ETXTBSY when another
 * thread forks at the same moment and briefly inherits the write descriptor.
 */
final class Shebang {
    private Shebang() {
    }

    /** The command prefix; the script's path is appended to it. */
    static List<String> parse(String script) {
        if (!script.startsWith("#!")) {
            throw new IllegalArgumentException("must start with \"#!\"");
        }
        int eol = script.indexOf('\n');
        String line = (eol < 0 ? script.substring(2) : script.substring(2, eol)).strip();
        if (line.isEmpty()) {
            throw new IllegalArgumentException("\"#!\" line names no interpreter");
        }
        int space = indexOfWhitespace(line);
        String interpreter = space < 0 ? line : line.substring(0, space);
        if (!interpreter.startsWith("/")) {
            throw new IllegalArgumentException("\"#!\" interpreter " + Problems.quote(interpreter)
                    + " must be an absolute path, e.g. #!/bin/sh or #!/usr/bin/env bash");
        }
        List<String> command = new ArrayList<>();
        command.add(interpreter);
        if (space >= 0) {
            String arg = line.substring(space).strip();
            if (!arg.isEmpty()) {
                command.add(arg);
            }
        }
        return List.copyOf(command);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
