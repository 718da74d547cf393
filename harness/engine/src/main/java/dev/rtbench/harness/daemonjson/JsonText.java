package dev.rtbench.harness.daemonjson;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders JSON values in a given layout (indentation, line ending, compact or not), so that new
 * text spliced into a user's daemon.json looks like the text around it. Package-private.
 */
final class JsonText {

    /** How new text is laid out: the file's own line ending, indent unit and key separator. */
    record Style(String newline, String indentUnit, String colon, boolean compact) {
        static final Style DEFAULT = new Style("\n", "  ", ": ", false);
    }

    private JsonText() {
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    /**
     * Renders {@code value} as it would appear after a key on a line indented by {@code indent}:
     * nested lines get {@code indent + unit}, the closing bracket gets {@code indent}.
     */
    static String render(Object value, String indent, Style style) {
        StringBuilder sb = new StringBuilder();
        render(value, indent, style, sb);
        return sb.toString();
    }

    private static void render(Object value, String indent, Style style, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            sb.append(quote(s));
        } else if (value instanceof Boolean b) {
            sb.append(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            sb.append(value);
        } else if (value instanceof Double d) {
            requireFinite(d);
            sb.append(d);
        } else if (value instanceof Float f) {
            requireFinite(f.doubleValue());
            sb.append(f);
        } else if (value instanceof BigDecimal d) {
            sb.append(d.toString());
        } else if (value instanceof Map<?, ?> map) {
            renderContainer('{', '}', map.entrySet().iterator(), map.isEmpty(), indent, style, sb);
        } else if (value instanceof List<?> list) {
            renderContainer('[', ']', list.iterator(), list.isEmpty(), indent, style, sb);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName()
                    + " into daemon.json: use String, Number, Boolean, List, Map or null");
        }
    }

    private static void requireFinite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON has no " + d + ": daemon.json numbers must be finite");
        }
    }

    private static void renderContainer(char open, char close, Iterator<?> items, boolean empty,
                                        String indent, Style style, StringBuilder sb) {
        sb.append(open);
        if (empty) {
            sb.append(close);
            return;
        }
        String inner = indent + style.indentUnit();
        boolean first = true;
        while (items.hasNext()) {
            Object item = items.next();
            if (!first) {
                sb.append(',');
            }
            if (style.compact()) {
                sb.append(first ? "" : " ");
            } else {
                sb.append(style.newline()).append(inner);
            }
            first = false;
            if (item instanceof Map.Entry<?, ?> e) {
                sb.append(quote(String.valueOf(e.getKey()))).append(style.colon());
                render(e.getValue(), inner, style, sb);
            } else {
                render(item, inner, style, sb);
            }
        }
        if (!style.compact()) {
            sb.append(style.newline()).append(indent);
        }
        sb.append(close);
    }

    /** An unmodifiable deep copy that keeps key order and allows JSON nulls. */
    static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() == null) {
                    throw new IllegalArgumentException("daemon.json object keys must not be null");
                }
                copy.put(String.valueOf(e.getKey()), freeze(e.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(freeze(o));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> freezeMap(Map<String, ?> map) {
        return map == null ? Map.of() : (Map<String, Object>) freeze(map);
    }
}
