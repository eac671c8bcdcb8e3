package dev.authkit.core.internal.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.workos.WorkOS;
import com.workos.usermanagement.AuthKitAuthUrlsKt;
import com.workos.usermanagement.AuthKitAuthorizationUrlOptions;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.core.internal.crypto.Fnv1a;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.request.RequestContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of every sign-in: the authorization URL with PKCE (S256) and a sealed state
 * {@code {nonce, codeVerifier, customState, returnPathname}} (valid ten minutes), and the verifier
 * cookie {@code wos-auth-verifier-<fnv1a32(state)>} holding the same sealed state, which the
 * callback compares with the returned {@code state}.
 */
public final class SignInFlow {
    private static final Logger LOG = LoggerFactory.getLogger(SignInFlow.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Past this many pending sign-ins, stale verifier cookies are cleared (browsers answer 431 to huge Cookie headers). */
    static final int MAX_PENDING_VERIFIERS = 5;
    /** The verifier's Set-Cookie must fit comfortably under browsers' 4 KiB cookie limit. */
    static final int MAX_VERIFIER_SET_COOKIE_BYTES = 3800;
    /**
     * A return path longer than this many UTF-8 bytes is dropped (the sign-in lands on {@code /}):
     * it travels twice, sealed in the state of the authorization URL and in the verifier cookie,
     * and both must stay well inside the 8 KiB of response headers servers allow.
     */
    public static final int MAX_RETURN_TO_BYTES = 1024;
    /** A verifier {@code Set-Cookie} past this many bytes is sealed again without the return path. */
    static final int VERIFIER_BUDGET_BYTES = 2600;
    /** A {@code loginHint} longer than this many UTF-8 bytes (an email address has at most 254) is dropped. */
    static final int MAX_LOGIN_HINT_BYTES = 256;
    /** An {@code organizationId} longer than this many UTF-8 bytes (WorkOS ids have about 30) is dropped. */
    static final int MAX_ORGANIZATION_ID_BYTES = 64;
    static final Duration STATE_TTL = Duration.ofSeconds(600);

    private final AuthKitConfig config;
    private final CookieSealer sealer;
    private final WorkOS workos;
    private final CookieFactory cookies;
    private final URI redirectUri;
    private final List<URI> redirectUris;
    private final DecisionLog decisions;

    /**
     * @param redirectUri  the default redirect URI (the builder's override, else the configured one)
     * @param redirectUris the allow-list of {@code AuthKit.Builder.redirectUris}: one per origin the application serves
     */
    public SignInFlow(AuthKitConfig config, CookieSealer sealer, WorkOS workos, CookieFactory cookies, URI redirectUri,
                      List<URI> redirectUris, boolean debug) {
        this.config = config;
        this.sealer = sealer;
        this.workos = workos;
        this.cookies = cookies;
        this.redirectUri = redirectUri;
        this.redirectUris = List.copyOf(redirectUris);
        this.decisions = new DecisionLog(LOG, debug);
    }

    public URI redirectUri() {
        return redirectUri;
    }

    /**
     * The redirect URI for a sign-in started by {@code ctx}: the listed one whose origin is the
     * request's, else the default. The request's origin only selects among listed URIs, so a
     * foreign {@code Host} gets the default, never a URI of its own.
     */
    public URI redirectUriFor(RequestContext ctx) {
        String origin = HttpUrls.absolute(ctx.origin()).map(HttpUrls::originOf).orElse("");
        for (URI u : redirectUris) {
            if (HttpUrls.originOf(u).equals(origin)) {
                return u;
            }
        }
        return redirectUri;
    }

    /**
     * Builds the authorization URL and, when {@code setCookie}, the verifier cookie plus deletions
     * of stale ones. Over-long return paths, login hints and organization ids are dropped, never
     * an error.
     */
    public AuthorizationRedirect authorization(RequestContext ctx, SignInOptions options, boolean setCookie) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String nonce = UUID.randomUUID().toString();
        Optional<String> returnTo = bounded(options.returnTo(), MAX_RETURN_TO_BYTES, "return path");
        Optional<String> loginHint = bounded(options.loginHint(), MAX_LOGIN_HINT_BYTES, "loginHint");
        Optional<String> organizationId = bounded(options.organizationId(), MAX_ORGANIZATION_ID_BYTES, "organizationId");
        String sealedState = sealState(nonce, verifier, options.state(), returnTo);
        if (setCookie && verifierCookieBytes(ctx, sealedState) > VERIFIER_BUDGET_BYTES && returnTo.isPresent()) {
            decisions.decide("sign-in state too large with its return path: the sign-in will land on /");
            returnTo = Optional.empty();
            sealedState = sealState(nonce, verifier, options.state(), returnTo);
        }
        if (setCookie && verifierCookieBytes(ctx, sealedState) > MAX_VERIFIER_SET_COOKIE_BYTES) {
            LOG.warn("[AuthKit] the custom sign-in state does not fit in the verifier cookie; it is dropped");
            sealedState = sealState(nonce, verifier, Optional.empty(), returnTo);
        }
        String redirect = options.redirectUri().orElse(redirectUriFor(ctx).toString());
        String url = AuthKitAuthUrlsKt.getAuthorizationUrl(workos.getUserManagement(), new AuthKitAuthorizationUrlOptions(
                redirect, config.clientId(), "authkit", null, organizationId.orElse(null), sealedState,
                challenge(verifier), "S256", null, loginHint.orElse(null), options.screenHint().value(),
                options.prompt().orElse(null), null, null, null));
        if (options.maxAge().isPresent()) {
            // the JVM SDK has no max_age (the Node SDK has): appended here, in whole seconds
            url += (url.contains("?") ? "&" : "?") + "max_age=" + options.maxAge().get().getSeconds();
        }
        if (!setCookie) {
            return new AuthorizationRedirect(url, List.of());
        }
        String name = verifierCookieName(sealedState);
        List<SetCookie> out = new ArrayList<>(staleVerifierDeletions(ctx, name, name.length() + 1 + sealedState.length()));
        out.add(cookies.verifier(ctx, name, sealedState));
        return new AuthorizationRedirect(url, out);
    }

    private String sealState(String nonce, String verifier, Optional<String> customState, Optional<String> returnTo) {
        ObjectNode state = JSON.createObjectNode();
        state.put("nonce", nonce);
        state.put("codeVerifier", verifier);
        customState.ifPresent(s -> state.put("customState", s));
        returnTo.ifPresent(r -> state.put("returnPathname", r));
        return sealer.seal(state.toString(), STATE_TTL);
    }

    private int verifierCookieBytes(RequestContext ctx, String sealedState) {
        return cookies.verifier(ctx, verifierCookieName(sealedState), sealedState).headerValue()
                .getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code value} when it has at most {@code maxBytes} UTF-8 bytes; a longer one is dropped, never an error. */
    private Optional<String> bounded(Optional<String> value, int maxBytes, String what) {
        if (value.isPresent() && !fits(value.get(), maxBytes)) {
            decisions.decide("sign-in " + what + " longer than " + maxBytes + " bytes dropped");
            return Optional.empty();
        }
        return value;
    }

    /** Whether {@code s} has at most {@code maxBytes} UTF-8 bytes (checked without encoding a huge string). */
    public static boolean fits(String s, int maxBytes) {
        return s.length() <= maxBytes && s.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    /**
     * The pending verifier cookies to delete so that what sign-in starts leave in the browser stays
     * bounded, whoever triggers them (a foreign page can open {@code /auth/sign-in} in popups as often
     * as it likes). As authkit-nextjs: {@value #MAX_PENDING_VERIFIERS} or more pending are all
     * cleared. And by size: of fewer, the newest are kept (browsers send cookies oldest first) while
     * they and the new one ({@code newBytes} of {@code name=value}) fit in
     * {@value CookieFactory#MAX_VERIFIER_COOKIE_BYTES} bytes of Cookie header; the older ones are
     * cleared. At most {@value CookieFactory#MAX_VERIFIER_DELETIONS} deletions per response (the rest
     * with later ones). A sign-in whose verifier was cleared fails at its callback with "try again".
     */
    private List<SetCookie> staleVerifierDeletions(RequestContext ctx, String newName, int newBytes) {
        List<Map.Entry<String, String>> pending = ctx.cookies().entrySet().stream()
                .filter(e -> e.getKey().startsWith(CookieFactory.VERIFIER_PREFIX) && !e.getKey().equals(newName))
                .toList();
        if (pending.size() >= MAX_PENDING_VERIFIERS) {
            return cookies.verifierDeletions(ctx, pending.stream().map(Map.Entry::getKey).toList());
        }
        int budget = CookieFactory.MAX_VERIFIER_COOKIE_BYTES - newBytes;
        List<String> stale = new ArrayList<>();
        for (int i = pending.size() - 1; i >= 0; i--) {
            Map.Entry<String, String> e = pending.get(i);
            int bytes = e.getKey().length() + 1 + e.getValue().length() + 2; // "; " between cookies
            if (bytes <= budget) {
                budget -= bytes;
            } else {
                budget = -1; // keep none older than one that did not fit: the newest are the ones kept
                stale.add(e.getKey());
            }
        }
        if (stale.isEmpty()) {
            return List.of();
        }
        decisions.decide(stale.size() + " older pending sign-in(s) cleared to keep the Cookie header small");
        return cookies.verifierDeletions(ctx, stale);
    }

    /** The names of the verifier cookies the request carries. */
    public static List<String> pendingVerifiers(RequestContext ctx) {
        return ctx.cookies().keySet().stream().filter(n -> n.startsWith(CookieFactory.VERIFIER_PREFIX))
                .collect(Collectors.toList());
    }

    public static String verifierCookieName(String sealedState) {
        return CookieFactory.VERIFIER_PREFIX + "-" + Fnv1a.hex32(sealedState);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
