package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A template in the small subset of Go's {@code text/template} that DRP templates use for a
 * machine, parsed once and rendered many times. The subset, and nothing else:
 * <ul>
 *   <li>{@code {{.Machine.Name}}}, {@code {{.Machine.Uuid}}}, {@code {{.Machine.Address}}}: the
 *       machine's field (empty when the machine has none);</li>
 *   <li>{@code {{.Param "name"}}} (or {@code {{.Param `name`}}}): the param's value; a string as
 *       is, a number or boolean as written in JSON, an object or array as compact JSON. A param
 *       with no value fails the render with DRP's "no such machine parameter" error;</li>
 *   <li><code>{{- </code> and <code> -}}</code> trim the white space before or after the action,
 *       as in Go.</li>
 * </ul>
 * Everything outside actions is copied verbatim; nothing is escaped. Any other action
 * ({@code if}, {@code range}, pipelines, comments...) is refused when the template is parsed, with
 * the template's name, line and column. Because the subset means the same in Go, a template
 * that renders here renders the same in dr-provision. Immutable and thread-safe.
 *
 * <pre>{@code
 * MachineTemplate t = MachineTemplate.parse("runbook-machine.tmpl", "name: {{.Machine.Name}}\n");
 * String text = t.render(machine, name -> Optional.empty());
 * }</pre>
 */
final class MachineTemplate {
    static final String SUPPORTED = "{{.Machine.Name}}, {{.Machine.Uuid}}, {{.Machine.Address}}"
            + " and {{.Param \"name\"}}";
    private static final List<String> MACHINE_FIELDS = List.of("Name", "Uuid", "Address");

    private final String name;
    private final List<Part> parts;

    private MachineTemplate(String name, List<Part> parts) {
        this.name = name;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses {@code text}, naming it {@code name} in errors.
     *
     * @throws TemplateException for an unclosed or unsupported action, e.g.
     *     {@code runbook-machine.tmpl:3:1: unsupported action {{if .Machine.Name}}; this renderer
     *     supports only ...}
     */
    static MachineTemplate parse(String name, String text) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(text, "text == null");
        return new Parser(name, text).parse();
    }

    String name() {
        return name;
    }

    /** The params the template reads, in order of first use. */
    List<String> params() {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof ParamPart param && !out.contains(param.param())) {
                out.add(param.param());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Renders for {@code machine} (a DRP Machine object), reading params through {@code params}.
     *
     * @throws TemplateException if a param has no value, or a machine field is not a scalar
     */
    String render(JsonNode machine, Function<String, Optional<JsonNode>> params) {
        Objects.requireNonNull(machine, "machine == null");
        Objects.requireNonNull(params, "params == null");
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof TextPart text) {
                out.append(text.text());
            } else if (part instanceof FieldPart field) {
                JsonNode v = machine.get(field.field());
                if (v == null || v.isNull()) {
                    continue;
                }
                if (!v.isValueNode()) {
                    throw new TemplateException(field.at() + ": .Machine." + field.field()
                            + " is not a single value: " + v);
                }
                out.append(v.asText());
            } else if (part instanceof ParamPart param) {
                JsonNode v = params.apply(param.param()).orElse(null);
                if (v == null || v.isNull() || v.isMissingNode()) {
                    throw new TemplateException(param.at() + ": no such machine parameter "
                            + param.param());
                }
                out.append(v.isValueNode() ? v.asText() : v.toString());
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "MachineTemplate{" + name + "}";
    }

    /** A template that cannot be parsed or rendered; the message names template, line and column. */
    static final class TemplateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message);
        }
    }

    private sealed interface Part permits TextPart, FieldPart, ParamPart {
    }

    private record TextPart(String text) implements Part {
    }

    private record FieldPart(String field, String at) implements Part {
    }

    private record ParamPart(String param, String at) implements Part {
    }

    /** One pass over the text; actions are {@code {{ ... }}} with optional trim markers. */
    private static final class Parser {
        private final String name;
        private final String text;
        private final List<Part> parts = new ArrayList<>();
        private StringBuilder pending = new StringBuilder();

        Parser(String name, String text) {
            this.name = name;
            this.text = text;
        }

        MachineTemplate parse() {
            int i = 0;
            boolean trimNext = false;
            while (i < text.length()) {
                int open = text.indexOf("{{", i);
                String literal = open < 0 ? text.substring(i) : text.substring(i, open);
                if (trimNext) {
                    literal = literal.stripLeading();
                }
                pending.append(literal);
                if (open < 0) {
                    break;
                }
                int close = text.indexOf("}}", open + 2);
                if (close < 0) {
                    throw new TemplateException(at(open) + ": unclosed action " + abbreviate(text.substring(open)));
                }
                String inside = text.substring(open + 2, close);
                if (inside.length() >= 2 && inside.charAt(0) == '-' && isSpace(inside.charAt(1))) {
                    pending = new StringBuilder(pending.toString().stripTrailing());
                    inside = inside.substring(2);
                }
                trimNext = inside.length() >= 2 && inside.charAt(inside.length() - 1) == '-'
                        && isSpace(inside.charAt(inside.length() - 2));
                if (trimNext) {
                    inside = inside.substring(0, inside.length() - 2);
                }
                flushText();
                parts.add(action(inside.strip(), open, text.substring(open, close + 2)));
                i = close + 2;
            }
            flushText();
            return new MachineTemplate(name, parts);
        }

        private Part action(String action, int offset, String source) {
            String at = at(offset);
            for (String field : MACHINE_FIELDS) {
                if (action.equals(".Machine." + field)) {
                    return new FieldPart(field, at);
                }
            }
            if (action.startsWith(".Param") && action.length() > 6 && isSpace(action.charAt(6))) {
                String argument = action.substring(7).strip();
                return new ParamPart(stringLiteral(argument, at, source), at);
            }
            throw new TemplateException(at + ": unsupported action " + abbreviate(source)
                    + "; this renderer supports only " + SUPPORTED);
        }

        /** A Go string literal, the whole argument: {@code "..."} with \" and \\ only, or {@code `...`}. */
        private String stringLiteral(String s, String at, String source) {
            if (s.length() >= 2 && s.startsWith("`") && s.indexOf('`', 1) == s.length() - 1) {
                return checkedName(s.substring(1, s.length() - 1), at, source);
            }
            if (s.length() < 2 || s.charAt(0) != '"') {
                throw new TemplateException(at + ": " + abbreviate(source)
                        + ": .Param takes one quoted param name, e.g. {{.Param \"runbook/publish-note\"}}");
            }
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    if (i != s.length() - 1) {
                        throw new TemplateException(at + ": " + abbreviate(source)
                                + ": .Param takes exactly one argument");
                    }
                    return checkedName(out.toString(), at, source);
                }
                if (c == '\\') {
                    char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                    if (next != '"' && next != '\\') {
                        throw new TemplateException(at + ": " + abbreviate(source)
                                + ": only \\\" and \\\\ escapes are supported in a param name");
                    }
                    out.append(next);
                    i++;
                } else {
                    out.append(c);
                }
            }
            throw new TemplateException(at + ": " + abbreviate(source) + ": unterminated string");
        }

        private String checkedName(String param, String at, String source) {
            if (param.isBlank()) {
                throw new TemplateException(at + ": " + abbreviate(source) + ": the param name is empty");
            }
            return param;
        }

        private void flushText() {
            if (pending.length() > 0) {
                parts.add(new TextPart(pending.toString()));
                pending = new StringBuilder();
            }
        }

        /** {@code name:line:column}, both counted from 1. */
        private String at(int offset) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return name + ":" + line + ":" + (offset - lineStart + 1);
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private static String abbreviate(String s) {
            String one = s.replace("\n", "\\n");
            return one.length() > 60 ? one.substring(0, 57) + "..." : one;
        }
    }
}
