package dev.authkit.core;

import dev.authkit.core.internal.request.RawPathScanner;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which raw request paths {@link AuthKit#handle} accepts. authkit decides "public or protected" on
 * the path it reads, and the container or framework then routes the request on the path <em>it</em>
 * reads; if the two readings differ, a protected resource can be reached through a path authkit
 * took for a public one ({@code /admin/..;/public}, {@code /public/x/..%2f..%2fadmin}). Every
 * container normalises paths its own way (and can be configured to do it more loosely), so the
 * only safe rule is to refuse, with 400 and before any route or application code runs, a path
 * whose reading is ambiguous. What is left then means the same thing to everyone.
 *
 * <p>The default, {@link #strict()}, refuses every {@link Rule}. A real application may need to
 * relax one (a legacy {@code ;jsessionid=} URL, a file name with an encoded period); relax exactly
 * that one and read its risk in the rule's description:
 *
 * <pre>{@code
 * AuthKit.builder(config)
 *        .pathPolicy(PathPolicy.builder().allow(PathPolicy.Rule.SEMICOLON).build())
 * }</pre>
 *
 * <p>The rule set follows Spring Security's {@code StrictHttpFirewall}. Immutable and thread-safe.
 */
public final class PathPolicy {
    private static final PathPolicy STRICT = new PathPolicy(EnumSet.noneOf(Rule.class));

    /** One kind of ambiguity in a raw path; each is refused unless {@link Builder#allow allowed}. */
    public enum Rule {
        /**
         * {@code %2F}: one container reads a segment separator, another a character of a segment
         * (Tomcat with {@code encodedSolidusHandling=decode}, Jetty's legacy compliance modes).
         * Risk when allowed: {@code /public%2F..%2Fadmin} may reach {@code /admin}.
         */
        ENCODED_SLASH("an encoded slash (%2F)"),
        /**
         * A backslash, raw or {@code %5C}: Windows-minded containers ({@code allowBackslash}) read
         * it as a separator. Risk when allowed: {@code /admin\..\public}-style confusion.
         */
        BACKSLASH("a backslash (\\ or %5C)"),
        /**
         * {@code %2E}: an encoded period can form a dot segment one layer resolves and another does
         * not. Dot segments themselves stay refused by {@link #DOT_SEGMENT}, encoded or not, so
         * allowing this lets through only names such as {@code /file%2Ejs}.
         */
        ENCODED_PERIOD("an encoded period (%2E)"),
        /**
         * A {@code .} or {@code ..} segment (also when spelled with {@code %2E}). Browsers resolve
         * them before sending, so only hand-made requests carry them. Risk when allowed: the
         * container and a framework may resolve them differently ({@code /admin/..} on Jersey).
         */
        DOT_SEGMENT("a dot segment (. or ..)"),
        /**
         * {@code //}: some layers collapse empty segments, others keep them. Risk when allowed:
         * {@code /admin//..} style confusion and globs that do not match what the router sees.
         */
        EMPTY_SEGMENT("an empty segment (//)"),
        /**
         * {@code ;} or {@code %3B}: path parameters ({@code ;jsessionid=...}) which servlet containers
         * strip and other layers keep. Risk when allowed: {@code /admin/..;/public} style bypasses on a
         * layer that keeps them; allow it only for servlet containers that need URL session ids.
         */
        SEMICOLON("a semicolon (; or %3B)"),
        /**
         * {@code %25}: a percent sign decoded into a new escape, which a second decoding layer (a
         * proxy, a framework) turns into something else ({@code %252e%252e}). Risk when allowed:
         * double-decoding setups may see a dot segment or a slash.
         */
        ENCODED_PERCENT("an encoded percent sign (%25)"),
        /**
         * Control characters, NUL, whitespace or raw non-ASCII characters, raw or percent-encoded
         * ({@code %00}, {@code %0A}, {@code %7F}); they truncate or split paths in some layers and
         * in logs. Risk when allowed: log injection and truncated paths.
         */
        UNPRINTABLE("a control or non-printable character"),
        /**
         * A {@code %} not followed by two hex digits, or escapes that are not UTF-8. Layers disagree
         * on what such a path means. Risk when allowed: each layer substitutes something different.
         */
        INVALID_ENCODING("invalid percent-encoding or UTF-8");

        private final String description;

        Rule(String description) {
            this.description = description;
        }

        /** What the rule refuses, in plain words, for the 400 body and logs. */
        public String description() {
            return description;
        }
    }

    /**
     * Why a path was refused.
     *
     * @param rule    the first rule the path broke
     * @param message a plain-words explanation, safe to send to the client (it does not echo the path)
     */
    public record Violation(Rule rule, String message) {
        public Violation {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }
    }

    private final Set<Rule> allowed;
    /** {@link #allowed} as the scanner names the rules, built once. */
    private final Set<RawPathScanner.Rule> allowedByScanner;

    private PathPolicy(Set<Rule> allowed) {
        this.allowed = Set.copyOf(allowed);
        EnumSet<RawPathScanner.Rule> scanner = EnumSet.noneOf(RawPathScanner.Rule.class);
        allowed.forEach(r -> scanner.add(RawPathScanner.Rule.valueOf(r.name())));
        this.allowedByScanner = scanner;
    }

    /** Refuses every {@link Rule}: the default of {@link AuthKit.Builder#pathPolicy}. */
    public static PathPolicy strict() {
        return STRICT;
    }

    /** A builder starting from {@link #strict()}. */
    public static Builder builder() {
        return new Builder(EnumSet.noneOf(Rule.class));
    }

    public Builder toBuilder() {
        return new Builder(allowed.isEmpty() ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(allowed));
    }

    /** The rules relaxed from strict. */
    public Set<Rule> allowed() {
        return allowed;
    }

    /**
     * Checks a raw path (as sent, still percent-encoded, without the query), e.g.
     * {@code /admin/%2e%2e/public}: empty when acceptable, else the first rule it breaks.
     */
    public Optional<Violation> check(String rawPath) {
        Optional<Rule> broken = RawPathScanner.firstViolation(rawPath == null ? "/" : rawPath, allowedByScanner)
                .map(r -> Rule.valueOf(r.name()));
        return broken.map(r -> new Violation(r, "The request path contains " + r.description()
                + ", which servers and frameworks read in different ways, so it is refused."));
    }

    @Override
    public String toString() {
        return allowed.isEmpty() ? "PathPolicy.strict" : "PathPolicy{allowed=" + allowed + "}";
    }

    /** Relaxes rules one at a time; see each {@link Rule} for the risk. */
    public static final class Builder {
        private final EnumSet<Rule> allowed;

        private Builder(EnumSet<Rule> allowed) {
            this.allowed = allowed;
        }

        /** Accepts paths that break {@code rule}; the other rules still apply. */
        public Builder allow(Rule rule) {
            allowed.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Refuses paths that break {@code rule} again. */
        public Builder refuse(Rule rule) {
            allowed.remove(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public PathPolicy build() {
            return allowed.isEmpty() ? STRICT : new PathPolicy(allowed);
        }
    }
}
