package dev.authkit.core.internal.request;

import java.util.LinkedHashMap;
import java.util.Map;

/** A raw query string read as form parameters: {@code +} is a space, names and values percent-decoded, the first of a repeated name wins. */
public final class Query {
    private Query() {
    }

    public static Map<String, String> parse(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = UrlPaths.percentDecode((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
            String value = eq < 0 ? "" : UrlPaths.percentDecode(pair.substring(eq + 1).replace('+', ' '));
            out.putIfAbsent(name, value);
        }
        return out;
    }
}
