package dev.authkit.core;

import dev.authkit.core.internal.request.HttpUrls;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of the sign-in callback (authkit-nextjs {@code handleAuth}).
 *
 * @param returnPathname where to go after sign-in when the flow did not say; default {@code /}, which means the
 *                       application's root (under a context path {@code /app}: {@code /app/})
 * @param baseUrl        the origin to redirect to instead of the callback request's own (behind
 *                       a proxy that rewrites hosts); only its scheme, host and port are used
 * @param onSuccess      called after a successful sign-in; may return a session to store instead
 * @param onError        called when the sign-in fails; may return the response to send instead of
 *                       the default JSON error
 */
public record CallbackOptions(String returnPathname, Optional<URI> baseUrl, OnSuccess onSuccess, OnError onError) {

    /** Called after a successful sign-in. */
    @FunctionalInterface
    public interface OnSuccess {
        /** Returns a session to seal instead of {@code success.session()}, or empty to keep it. */
        Optional<Session> handle(CallbackSuccess success) throws Exception;
    }

    /** Called when a sign-in fails. */
    @FunctionalInterface
    public interface OnError {
        /** Returns the response to send, or empty for the default JSON error. */
        Optional<Outcome> handle(CallbackFailure failure) throws Exception;
    }

    public CallbackOptions {
        returnPathname = returnPathname == null ? "/" : returnPathname;
        baseUrl = baseUrl == null ? Optional.empty() : baseUrl;
        onSuccess = onSuccess == null ? s -> Optional.empty() : onSuccess;
        onError = onError == null ? f -> Optional.empty() : onError;
    }

    public static CallbackOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CallbackOptions}. */
    public static final class Builder {
        private String returnPathname = "/";
        private URI baseUrl;
        private OnSuccess onSuccess;
        private OnError onError;

        private Builder() {
        }

        public Builder returnPathname(String returnPathname) {
            this.returnPathname = Objects.requireNonNull(returnPathname, "returnPathname");
            return this;
        }

        /**
         * @throws AuthKitConfigException when {@code baseUrl} is not an absolute http(s) URL
         */
        public Builder baseUrl(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            this.baseUrl = HttpUrls.absolute(baseUrl).orElseThrow(() -> new AuthKitConfigException("Invalid baseURL: " + baseUrl));
            return this;
        }

        public Builder onSuccess(OnSuccess onSuccess) {
            this.onSuccess = onSuccess;
            return this;
        }

        public Builder onError(OnError onError) {
            this.onError = onError;
            return this;
        }

        public CallbackOptions build() {
            return new CallbackOptions(returnPathname, Optional.ofNullable(baseUrl), onSuccess, onError);
        }
    }
}
