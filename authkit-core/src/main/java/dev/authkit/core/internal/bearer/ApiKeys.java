package dev.authkit.core.internal.bearer;

import com.workos.WorkOS;
import dev.authkit.core.ApiKey;
import dev.authkit.core.ApiKeyValidation;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WorkOS API keys sent as {@code Authorization: Bearer <key>} by machine clients (authkit-nextjs
 * 4.x {@code validateApiKey}): the header is matched as authkit-nextjs matches it
 * ({@code Bearer\s+(.*)}, case-insensitive, anywhere in the value); no header, another scheme or an
 * empty value is invalid without a call to WorkOS, and so is a value longer than
 * {@value #MAX_KEY_LENGTH} characters or one with characters outside printable ASCII (WorkOS keys
 * are short ASCII tokens: anything else is no key, and a huge one is not forwarded); otherwise WorkOS's
 * {@code POST /api_keys/validations} decides, and a WorkOS failure is "unavailable", never a
 * signed-in caller.
 */
public final class ApiKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    private static final Pattern BEARER_VALUE = Pattern.compile("Bearer\\s+(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** The longest value sent to WorkOS for validation; WorkOS API keys are far shorter. */
    public static final int MAX_KEY_LENGTH = 256;

    private final WorkOS workos;
    private final DecisionLog decisions;
    private final EventSink events;

    public ApiKeys(WorkOS workos, EventSink events, boolean debug) {
        this.events = events;
        this.workos = workos;
        this.decisions = new DecisionLog(LOG, debug);
    }

    public ApiKeyValidation validate(AuthKitRequest request) {
        String header = request.header("Authorization").orElse("");
        Matcher m = BEARER_VALUE.matcher(header);
        String value = m.find() ? m.group(1).trim() : "";
        if (value.isEmpty()) {
            return new ApiKeyValidation.Invalid();
        }
        if (value.length() > MAX_KEY_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            decisions.decide("API key refused without asking WorkOS: longer than " + MAX_KEY_LENGTH
                    + " characters or not printable ASCII");
            return new ApiKeyValidation.Invalid();
        }
        try {
            var response = events.call(WorkOSEndpoint.API_KEY_VALIDATION, () -> workos.getApiKeys().createValidation(value));
            if (response == null) {
                throw new IllegalStateException("no validation in the answer"); // a JSON null: no WorkOS answer
            }
            var key = response.getApiKey();
            if (key == null) {
                decisions.decide("API key not recognized by WorkOS");
                return new ApiKeyValidation.Invalid();
            }
            var owner = key.getOwner();
            decisions.decide("API key " + key.getId() + " accepted");
            return new ApiKeyValidation.Valid(new ApiKey(key.getId(), key.getName(), owner == null ? null : owner.getType(),
                    owner == null ? null : owner.getId(), key.getPermissions()));
        } catch (Exception e) { // the SDK throws checked parse errors undeclared: see WorkOSResponses.classify
            WorkOSResponses.Failure f = WorkOSResponses.classify(e);
            if (f.isTransient()) {
                LOG.warn("API key validation failed: WorkOS unavailable ({})", f.description());
                return new ApiKeyValidation.Unavailable("WorkOS unavailable: " + f.description());
            }
            decisions.decide("API key refused by WorkOS (" + f.description() + ")");
            return new ApiKeyValidation.Invalid();
        }
    }
}
