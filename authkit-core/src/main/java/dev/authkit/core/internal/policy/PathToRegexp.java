package dev.authkit.core.internal.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * path-to-regexp 6.3.0's {@code parse} and {@code tokensToRegexp}, as authkit-nextjs calls them
 * (default options: delimiter {@code /#?}, prefixes {@code ./}, {@code strict=false},
 * {@code end=true}), producing the regular expression source. Error messages are the library's,
 * so a pattern fails here as it fails in Next.js.
 */
public final class PathToRegexp {
    /** The characters that end a segment; an optional one may follow a whole match. */
    public static final String DELIMITER = "/#?";
    private static final String PREFIXES = "./";

    private PathToRegexp() {
    }

    private enum Type { MODIFIER, ESCAPED_CHAR, OPEN, CLOSE, NAME, PATTERN, CHAR, END }

    private record Token(Type type, int index, String value) {
    }

    /** A parameter of the parsed route; plain text segments are kept as strings. */
    private record Key(String name, String prefix, String suffix, String pattern, String modifier) {
    }

    /** The regular expression source for {@code path}; {@link IllegalArgumentException} with the library's message. */
    public static String toRegexSource(String path) {
        return tokensToRegexp(parse(path));
    }

    /**
     * The plain text every match of {@code path} starts with: the route up to its first parameter
     * or group, {@code ""} when it starts with one. Lets a matcher turn most paths away without
     * running the expression.
     */
    public static String literalPrefix(String path) {
        List<Object> tokens = parse(path);
        return !tokens.isEmpty() && tokens.get(0) instanceof String s ? s : "";
    }

    /** True when {@code path} is plain text, with no parameter or group; it then matches that text and one optional delimiter. */
    public static boolean isLiteral(String path) {
        List<Object> tokens = parse(path);
        return tokens.isEmpty() || tokens.size() == 1 && tokens.get(0) instanceof String;
    }

    private static List<Token> lexer(String str) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < str.length()) {
            char c = str.charAt(i);
            if (c == '*' || c == '+' || c == '?') {
                tokens.add(new Token(Type.MODIFIER, i, String.valueOf(c)));
                i++;
                continue;
            }
            if (c == '\\') {
                // JavaScript yields undefined past the end; the token then carries no text
                String next = i + 1 < str.length() ? String.valueOf(str.charAt(i + 1)) : "";
                tokens.add(new Token(Type.ESCAPED_CHAR, i, next));
                i += 2;
                continue;
            }
            if (c == '{') {
                tokens.add(new Token(Type.OPEN, i, "{"));
                i++;
                continue;
            }
            if (c == '}') {
                tokens.add(new Token(Type.CLOSE, i, "}"));
                i++;
                continue;
            }
            if (c == ':') {
                int j = i + 1;
                while (j < str.length() && isNameChar(str.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    throw new IllegalArgumentException("Missing parameter name at " + i);
                }
                tokens.add(new Token(Type.NAME, i, str.substring(i + 1, j)));
                i = j;
                continue;
            }
            if (c == '(') {
                int count = 1;
                StringBuilder pattern = new StringBuilder();
                int j = i + 1;
                if (j < str.length() && str.charAt(j) == '?') {
                    throw new IllegalArgumentException("Pattern cannot start with \"?\" at " + j);
                }
                while (j < str.length()) {
                    char p = str.charAt(j);
                    if (p == '\\') {
                        pattern.append(p);
                        if (j + 1 < str.length()) {
                            pattern.append(str.charAt(j + 1));
                        } else {
                            pattern.append("undefined"); // what JavaScript's string concatenation appends
                        }
                        j += 2;
                        continue;
                    }
                    if (p == ')') {
                        count--;
                        if (count == 0) {
                            j++;
                            break;
                        }
                    } else if (p == '(') {
                        count++;
                        if (j + 1 >= str.length() || str.charAt(j + 1) != '?') {
                            throw new IllegalArgumentException("Capturing groups are not allowed at " + j);
                        }
                    }
                    pattern.append(p);
                    j++;
                }
                if (count != 0) {
                    throw new IllegalArgumentException("Unbalanced pattern at " + i);
                }
                if (pattern.length() == 0) {
                    throw new IllegalArgumentException("Missing pattern at " + i);
                }
                tokens.add(new Token(Type.PATTERN, i, pattern.toString()));
                i = j;
                continue;
            }
            tokens.add(new Token(Type.CHAR, i, String.valueOf(c)));
            i++;
        }
        tokens.add(new Token(Type.END, i, ""));
        return tokens;
    }

    private static boolean isNameChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static final class Parser {
        final List<Token> tokens;
        final List<Object> result = new ArrayList<>();
        int i;
        int key;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        /** The value when the next token has this type (JavaScript's truthiness: an empty value counts as absent). */
        String tryConsume(Type type) {
            if (i < tokens.size() && tokens.get(i).type == type) {
                return tokens.get(i++).value;
            }
            return null;
        }

        void mustConsume(Type type) {
            if (tryConsume(type) != null) {
                return;
            }
            Token next = tokens.get(i);
            throw new IllegalArgumentException("Unexpected " + next.type + " at " + next.index + ", expected " + type);
        }

        String consumeText() {
            StringBuilder b = new StringBuilder();
            while (true) {
                String v = truthy(tryConsume(Type.CHAR));
                if (v == null) {
                    v = truthy(tryConsume(Type.ESCAPED_CHAR));
                }
                if (v == null) {
                    return b.toString();
                }
                b.append(v);
            }
        }

        String safePattern(String prefix) {
            Object prev = result.isEmpty() ? null : result.get(result.size() - 1);
            String prevText = !prefix.isEmpty() ? prefix : prev instanceof String s ? s : "";
            if (prev != null && prevText.isEmpty()) {
                throw new IllegalArgumentException("Must have text between two parameters, missing text after \""
                        + ((Key) prev).name + "\"");
            }
            if (prevText.isEmpty() || isSafe(prevText)) {
                return "[^" + escape(DELIMITER) + "]+?";
            }
            return "(?:(?!" + escape(prevText) + ")[^" + escape(DELIMITER) + "])+?";
        }

        List<Object> parse() {
            StringBuilder path = new StringBuilder();
            while (i < tokens.size()) {
                String ch = tryConsume(Type.CHAR);
                String name = tryConsume(Type.NAME);
                String pattern = tryConsume(Type.PATTERN);
                if (name != null || pattern != null) {
                    String prefix = ch == null ? "" : ch;
                    if (!PREFIXES.contains(prefix) || prefix.isEmpty()) {
                        path.append(prefix);
                        prefix = "";
                    }
                    if (path.length() > 0) {
                        result.add(path.toString());
                        path.setLength(0);
                    }
                    String n = name != null ? name : Integer.toString(key++);
                    String p = pattern != null ? pattern : safePattern(prefix);
                    String modifier = tryConsume(Type.MODIFIER);
                    result.add(new Key(n, prefix, "", p, modifier == null ? "" : modifier));
                    continue;
                }
                String value = ch != null ? ch : truthy(tryConsume(Type.ESCAPED_CHAR));
                if (value != null) {
                    path.append(value);
                    continue;
                }
                if (path.length() > 0) {
                    result.add(path.toString());
                    path.setLength(0);
                }
                if (tryConsume(Type.OPEN) != null) {
                    String prefix = consumeText();
                    String n = tryConsume(Type.NAME);
                    String p = tryConsume(Type.PATTERN);
                    String suffix = consumeText();
                    mustConsume(Type.CLOSE);
                    n = n == null ? "" : n;
                    p = p == null ? "" : p;
                    String keyName = !n.isEmpty() ? n : !p.isEmpty() ? Integer.toString(key++) : "";
                    String keyPattern = !n.isEmpty() && p.isEmpty() ? safePattern(prefix) : p;
                    String modifier = tryConsume(Type.MODIFIER);
                    result.add(new Key(keyName, prefix, suffix, keyPattern, modifier == null ? "" : modifier));
                    continue;
                }
                mustConsume(Type.END);
            }
            return result;
        }
    }

    private static String truthy(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static boolean isSafe(String value) {
        for (char c : DELIMITER.toCharArray()) {
            if (value.indexOf(c) > -1) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> parse(String str) {
        return new Parser(lexer(str)).parse();
    }

    private static String tokensToRegexp(List<Object> tokens) {
        StringBuilder route = new StringBuilder("^");
        for (Object token : tokens) {
            if (token instanceof String s) {
                route.append(escape(s));
                continue;
            }
            Key k = (Key) token;
            String prefix = escape(k.prefix);
            String suffix = escape(k.suffix);
            if (!k.pattern.isEmpty()) {
                boolean repeat = k.modifier.equals("+") || k.modifier.equals("*");
                if (!prefix.isEmpty() || !suffix.isEmpty()) {
                    if (repeat) {
                        String mod = k.modifier.equals("*") ? "?" : "";
                        route.append("(?:").append(prefix).append("((?:").append(k.pattern).append(")(?:")
                                .append(suffix).append(prefix).append("(?:").append(k.pattern).append("))*)")
                                .append(suffix).append(")").append(mod);
                    } else {
                        route.append("(?:").append(prefix).append("(").append(k.pattern).append(")")
                                .append(suffix).append(")").append(k.modifier);
                    }
                } else {
                    if (repeat) {
                        throw new IllegalArgumentException("Can not repeat \"" + k.name + "\" without a prefix and suffix");
                    }
                    route.append("(").append(k.pattern).append(")").append(k.modifier);
                }
            } else {
                route.append("(?:").append(prefix).append(suffix).append(")").append(k.modifier);
            }
        }
        // end=true, strict=false, no endsWith
        route.append("[").append(escape(DELIMITER)).append("]?$");
        return route.toString();
    }

    /** path-to-regexp's {@code escapeString}: a backslash before {@code .+*?=^!:${}()[]|/\}. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (".+*?=^!:${}()[]|/\\".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
