package dev.authkit.core.internal.config;

import dev.authkit.core.AuthKitConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options written as text, read by kind (flag, list, duration, path), each refusal naming the key
 * the way the user wrote it ({@code nameOf}: {@code authkit.refresh-buffer} for Spring,
 * {@code refreshBuffer} for {@code web.xml}). The value forms of {@code AuthKitOptions}, in one
 * place. A blank value counts as absent. Immutable.
 */
public final class TextOptions {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final String DURATION_FORM = "a duration such as 30s, 500ms, 2m, 1h or PT30S";

    private final Map<String, String> values;
    private final Function<String, String> nameOf;

    /** @param values trimmed values by key (blank for an explicitly empty one); not copied */
    public TextOptions(Map<String, String> values, Function<String, String> nameOf) {
        this.values = values;
        this.nameOf = nameOf;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value as written, blank included; empty when the key is absent. */
    public Optional<String> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value, empty when absent or blank. */
    public Optional<String> text(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** {@code true} or {@code false}, in any case. */
    public Optional<Boolean> bool(String key) {
        return text(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "true or false");
        });
    }

    /** Items separated by commas or white space. */
    public List<String> list(String key) {
        return text(key).map(v -> Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    /**
     * {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT30S}); a
     * bare number is refused, because seconds and milliseconds are both plausible.
     */
    public Optional<Duration> duration(String key) {
        return text(key).map(v -> {
            Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw bad(key, v, DURATION_FORM);
            }
        });
    }

    /** A whole number of seconds, 0 or more. */
    public Optional<Duration> seconds(String key) {
        return text(key).map(v -> {
            try {
                long seconds = Long.parseLong(v);
                if (seconds >= 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw bad(key, v, "a whole number of seconds, 0 or more");
        });
    }

    /** Runs a builder step, turning its refusal into a message that names the key and the form expected. */
    public <T> T named(String key, String form, Supplier<T> step) {
        try {
            return step.get();
        } catch (AuthKitConfigException | IllegalArgumentException e) {
            throw bad(key, values.get(key), form);
        }
    }

    /** The key as the user wrote it. */
    public String nameOf(String key) {
        return nameOf.apply(key);
    }

    /** {@code <key> must be <form>, got '<value>'}. */
    public AuthKitConfigException bad(String key, String value, String form) {
        return new AuthKitConfigException(nameOf.apply(key) + " must be " + form + ", got '" + value + "'");
    }
}
