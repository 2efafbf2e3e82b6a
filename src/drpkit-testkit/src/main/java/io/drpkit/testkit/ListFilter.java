package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One index filter of DRP's list API, as {@code drpcli <prefix> list} documents them:
 * {@code ?Index=value} (equality) or {@code ?Index=Op(args)} with {@code Eq}, {@code Ne},
 * {@code Lt}, {@code Lte}, {@code Gt}, {@code Gte}, {@code Re} (regular expression),
 * {@code Between(lower,upper)}, {@code Except(lower,upper)}, {@code In(a,b,...)},
 * {@code Nin(a,b,...)}. Values compare as numbers when both sides are numbers, else as text
 * (booleans as {@code true}/{@code false}). An index is a top-level member with a scalar value;
 * an object without it does not match. A malformed filter is DRP's 400. Immutable.
 */
final class ListFilter {
    private static final Pattern CALL = Pattern.compile("^(Eq|Ne|Lt|Lte|Gt|Gte|Re|Between|Except|In|Nin)\\((.*)\\)$", Pattern.DOTALL);

    private final String index;
    private final String op;
    private final List<String> args;
    private final Pattern regex;

    private ListFilter(String index, String op, List<String> args, Pattern regex) {
        this.index = index;
        this.op = op;
        this.args = args;
        this.regex = regex;
    }

    /** @throws ApiException 400 for a malformed filter (wrong argument count, bad regular expression) */
    static ListFilter parse(String prefix, Map.Entry<String, String> parameter) {
        String index = parameter.getKey();
        String value = parameter.getValue() == null ? "" : parameter.getValue();
        Matcher m = CALL.matcher(value);
        if (!m.matches()) {
            return new ListFilter(index, "Eq", List.of(value), null);
        }
        String op = m.group(1);
        String inner = m.group(2);
        List<String> args = switch (op) {
            case "Between", "Except", "In", "Nin" -> List.of(inner.split(",", -1));
            default -> List.of(inner);
        };
        if ((op.equals("Between") || op.equals("Except")) && args.size() != 2) {
            throw ApiException.of(400, "GET", prefix, "", "Filter " + index + ": " + op + " needs 2 values, got " + args.size());
        }
        Pattern regex = null;
        if (op.equals("Re")) {
            try {
                regex = Pattern.compile(inner);
            } catch (PatternSyntaxException e) {
                throw ApiException.of(400, "GET", prefix, "", "Filter " + index + ": bad regular expression: " + e.getDescription());
            }
        }
        return new ListFilter(index, op, args, regex);
    }

    boolean matches(JsonNode object) {
        JsonNode v = object.get(index);
        if (v == null || !v.isValueNode() || v.isNull()) {
            return false;
        }
        String text = v.asText();
        return switch (op) {
            case "Eq" -> compare(text, args.get(0)) == 0;
            case "Ne" -> compare(text, args.get(0)) != 0;
            case "Lt" -> compare(text, args.get(0)) < 0;
            case "Lte" -> compare(text, args.get(0)) <= 0;
            case "Gt" -> compare(text, args.get(0)) > 0;
            case "Gte" -> compare(text, args.get(0)) >= 0;
            case "Re" -> regex.matcher(text).find();
            case "Between" -> compare(text, args.get(0)) >= 0 && compare(text, args.get(1)) <= 0;
            case "Except" -> compare(text, args.get(0)) < 0 || compare(text, args.get(1)) > 0;
            case "In" -> args.stream().anyMatch(a -> compare(text, a) == 0);
            case "Nin" -> args.stream().noneMatch(a -> compare(text, a) == 0);
            default -> throw new IllegalStateException(op);
        };
    }

    /** For {@code ?sort=}: numbers as numbers, else text. */
    static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.compareTo(b);
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
