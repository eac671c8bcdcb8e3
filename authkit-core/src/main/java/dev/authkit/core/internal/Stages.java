package dev.authkit.core.internal;

import dev.authkit.core.CacheStats;
import dev.authkit.core.internal.bearer.ApiKeys;
import dev.authkit.core.internal.bearer.BearerTokens;
import dev.authkit.core.internal.crypto.JwtVerifier;
import dev.authkit.core.internal.decision.Decisions;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.flow.CallbackFlow;
import dev.authkit.core.internal.flow.ReturnTargets;
import dev.authkit.core.internal.flow.SignInFlow;
import dev.authkit.core.internal.flow.SignOutEverywhere;
import dev.authkit.core.internal.flow.SignOutFlow;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.policy.RouteRules;
import dev.authkit.core.internal.refresh.ExplicitRefresh;
import dev.authkit.core.internal.refresh.Refresher;
import dev.authkit.core.internal.refresh.SessionLimits;
import dev.authkit.core.internal.refresh.SessionRefresh;
import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.routes.ApiRoutes;
import dev.authkit.core.internal.routes.BuiltInRoutes;
import dev.authkit.core.internal.routes.ClientScript;
import dev.authkit.core.internal.routes.Webhooks;
import dev.authkit.core.internal.session.Revocations;
import dev.authkit.core.internal.session.SessionCookies;
import dev.authkit.core.internal.session.SessionReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stages of one {@code AuthKit}, built once from its {@link Settings}, each handed the stages
 * it passes values to (never one before it). The facades ({@code AuthKit}, {@code AuthFlow},
 * {@code SessionManager}) delegate to these objects; the {@link Pipeline} runs them in order.
 */
public record Stages(SessionCookies sessionCookies, SignInFlow signIn, CallbackFlow callback, SignOutFlow signOut,
                     SessionReader sessionReader, SessionRefresh sessionRefresh, ExplicitRefresh explicitRefresh,
                     Decisions decisions, BearerTokens bearer, ApiKeys apiKeys, BuiltInRoutes builtIns,
                     Optional<ApiRoutes> api, ClientScript client, Pipeline pipeline, Map<String, CacheStats> caches,
                     Revocations revocations, SignOutEverywhere signOutEverywhere) {

    public static Stages wire(Settings s) {
        EventSink events = new EventSink(s.listeners(), s.onRefreshSuccess(), s.onRefreshError(), s.clock());
        JwtVerifier verifier = new JwtVerifier(s.config().apiBaseUrl() + "/sso/jwks/" + s.config().clientId(),
                s.httpTimeout(), s.clock(), events);
        SessionCookies sessionCookies = new SessionCookies(s.config(), s.sealer(), new CookieFactory(s.config()),
                s.sessionStore(), s.clock(), events, s.inactivityTimeout().isPresent() || s.absoluteTimeout().isPresent());
        Set<String> origins = new LinkedHashSet<>(s.allowedReturnOrigins());
        origins.add(HttpUrls.originOf(s.config().redirectUri()));
        origins.add(HttpUrls.originOf(s.redirectUri()));
        s.redirectUris().forEach(u -> origins.add(HttpUrls.originOf(u)));
        ReturnTargets returnTargets = new ReturnTargets(origins);
        SignInFlow signIn = new SignInFlow(s.config(), s.sealer(), s.workos(), sessionCookies.factory(), s.redirectUri(),
                s.redirectUris(), s.debug());
        CallbackFlow callback = new CallbackFlow(s.workos(), sessionCookies, s.debug());
        SignOutFlow signOut = new SignOutFlow(s.workos(), sessionCookies, returnTargets, s.debug());
        RouteRules rules = new RouteRules(s.unauthenticatedPaths(), s.signUpPaths(), s.redirectUri().getRawPath(),
                s.redirectUris().stream().map(java.net.URI::getRawPath).toList(), s.recentSignInPaths());
        Revocations revocations = new Revocations(s.revocationList(), events, s.clock(), s.refreshGracePeriod());
        SignOutEverywhere everywhere = new SignOutEverywhere(s.workos(), sessionCookies, signOut, revocations, s.debug());
        Optional<Webhooks> webhooks = s.routes().webhooks().map(path -> new Webhooks(path, s.config().webhookSecret(),
                revocations, s.onWebhookEvent(), s.clock()));
        SessionReader reader = new SessionReader(s.config().cookieName(), s.sealer(), s.ironSealer(), verifier, s.clock(),
                s.refreshBuffer(), s.debug(), sessionCookies.loader(), revocations);
        Refresher refresher = new Refresher(s.workos(), s.sealer(), s.refreshCoordination(), s.refreshGracePeriod(),
                s.authValues(), events, s.debug());
        SessionRefresh sessionRefresh = new SessionRefresh(refresher, sessionCookies, s.authValues(), s.clock(), s.debug(),
                new SessionLimits(s.inactivityTimeout(), s.absoluteTimeout(), s.clock()));
        Decisions decisions = new Decisions(s.middlewareAuth(), s.eagerAuth(), rules, s.routes(), signIn,
                sessionCookies.factory(), s.clock(), events, s.debug());
        ExplicitRefresh explicitRefresh = new ExplicitRefresh(refresher, sessionCookies, signIn, s.authValues(), returnTargets,
                decisions, s.debug());
        BearerTokens bearer = new BearerTokens(verifier, s.authValues(), s.debug(), revocations);
        ApiKeys apiKeys = new ApiKeys(s.workos(), events, s.debug());
        ClientScript client = new ClientScript(s.routes());
        BuiltInRoutes builtIns = new BuiltInRoutes(s.routes(), rules::isRedirectPath, s.callbackOptions(), client, signIn,
                callback, signOut, webhooks);
        Optional<ApiRoutes> api = s.routes().api().map(prefix -> new ApiRoutes(prefix, signIn, signOut, explicitRefresh,
                decisions, s.workos(), events, everywhere));
        Pipeline pipeline = new Pipeline(s.pathPolicy(), builtIns, s.acceptBearerTokens() ? Optional.of(bearer) : Optional.empty(),
                reader, sessionRefresh, api, decisions, events, s.debug());
        Map<String, CacheStats> caches = new LinkedHashMap<>();
        reader.cacheStats().ifPresent(c -> caches.put("sessions", c));
        caches.put("tokens", verifier.cacheStats());
        return new Stages(sessionCookies, signIn, callback, signOut, reader, sessionRefresh, explicitRefresh, decisions, bearer,
                apiKeys, builtIns, api, client, pipeline, Collections.unmodifiableMap(caches), revocations,
                everywhere);
    }
}
