package dev.streamz.dataframe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the conformance cases (objects keep their key order; integers are Longs, other
 * numbers Doubles). Tests only: the library has no JSON dependency.
 */
public final class Json {
    private final String s;
    private int at;

    private Json(String s) {
        this.s = s;
    }

    /**
     * @param text JSON text
     * @return Map, List, String, Long, Double, Boolean or null
     */
    public static Object parse(String text) {
        Json j = new Json(text);
        Object v = j.value();
        j.ws();
        if (j.at != text.length()) {
            throw j.error("trailing text");
        }
        return v;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON: " + what + " at offset " + at);
    }

    private void ws() {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
            at++;
        }
    }

    private Object value() {
        ws();
        char c = s.charAt(at);
        switch (c) {
            case '{': {
                at++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(at) == '}') {
                    at++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(at) == ',') {
                        at++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[': {
                at++;
                List<Object> l = new ArrayList<>();
                ws();
                if (s.charAt(at) == ']') {
                    at++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(at) == ',') {
                        at++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            case '"':
                return string();
            case 't':
                at += 4;
                return Boolean.TRUE;
            case 'f':
                at += 5;
                return Boolean.FALSE;
            case 'n':
                at += 4;
                return null;
            default:
                return number();
        }
    }

    private void expect(char c) {
        if (s.charAt(at) != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (s.charAt(at) != '"') {
            char c = s.charAt(at++);
            if (c == '\\') {
                char e = s.charAt(at++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        at++;
        return b.toString();
    }

    private Object number() {
        int start = at;
        boolean real = false;
        while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
            char c = s.charAt(at++);
            real |= c == '.' || c == 'e' || c == 'E';
        }
        String t = s.substring(start, at);
        if (t.isEmpty()) {
            throw error("unexpected character");
        }
        return real ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
    }
}
