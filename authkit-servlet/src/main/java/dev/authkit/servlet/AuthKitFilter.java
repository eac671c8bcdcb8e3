package dev.authkit.servlet;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.Outcome;
import dev.authkit.core.Problem;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.servlet.internal.AuthenticatedRequest;
import dev.authkit.servlet.internal.ServletRequestView;
import dev.authkit.servlet.internal.ServletResponseView;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * authkit for a Jakarta Servlet application: map it to {@code /*} and every request goes through
 * {@link AuthKit#handle}, which refreshes sessions, protects routes, and answers the callback,
 * sign-in, sign-up, sign-out and JSON routes itself. Behind it the application sees the WorkOS
 * user as {@code getUserPrincipal()}, WorkOS roles in {@code isUserInRole()}, and the {@link Auth}
 * as the request attribute {@link #AUTH_ATTRIBUTE} (or through {@link ServletAuthKit#withAuth}).
 *
 * <p>Configure it in code ({@code new AuthKitFilter(authKit)}, for programmatic registration or a
 * Spring {@code FilterRegistrationBean}), or let it configure itself (no-argument constructor, for
 * {@code web.xml}): from an {@link AuthKit} in the servlet context attribute
 * {@link #AUTHKIT_ATTRIBUTE}, else from the {@code WORKOS_*} environment variables and the filter's
 * init parameters (see {@link FilterSettings}).
 *
 * <p>Paths are relative to the servlet context path: under {@code /app}, the glob {@code "/"} is
 * {@code /app/} and sign-in is {@code /app/auth/sign-in}; the redirect URI stays an absolute URL
 * ({@code https://host/app/callback}).
 *
 * <p>The filter decides once per request, on its first pass (normally the {@code REQUEST}
 * dispatch). Register it for the {@code ERROR} and {@code ASYNC} dispatches too, so error pages and
 * async completions see the user: on every later pass (error, async, forward, include, or a second
 * registration of the filter) it only exposes the {@link Auth} decided on the first pass, without
 * redirecting, refreshing or adding headers again (an error page gets back the decision's
 * {@code Vary} and {@code Cache-Control} only when the container dropped them). An error or async dispatch whose request never
 * went through the filter sees a signed-out {@link Auth}.
 */
public class AuthKitFilter implements Filter {
    /** Request attribute holding the {@link Auth} of the request. */
    public static final String AUTH_ATTRIBUTE = Auth.class.getName();
    /** Request (and optionally servlet context) attribute holding the {@link AuthKit}. */
    public static final String AUTHKIT_ATTRIBUTE = AuthKit.class.getName();
    /** Request attribute marking a request the filter already decided on (the once-per-request guard). */
    static final String DECIDED_ATTRIBUTE = AuthKitFilter.class.getName() + ".decided";
    /** Request attribute holding the decision, for error pages of containers that reset the response. */
    private static final String DECISION_ATTRIBUTE = AuthKitFilter.class.getName() + ".decision";
    /** Request attribute holding authkit's short error code ({@code forbidden}, ...) when it answered with {@code sendError}. */
    public static final String ERROR_ATTRIBUTE = AuthKit.class.getName() + ".error";

    private volatile AuthKit authKit;
    private volatile boolean trustForwardedHeaders;
    /** A coordination {@link #init} created from {@code AUTHKIT_REDIS_URI}, closed by {@link #destroy}. */
    private volatile Optional<RefreshCoordination> ownedCoordination = Optional.empty();
    /** A session store {@link #init} created from {@code AUTHKIT_SESSION_STORE_URI}, closed by {@link #destroy}. */
    private volatile Optional<dev.authkit.core.SessionStore> ownedStore = Optional.empty();
    /** A revocation list {@link #init} created from {@code AUTHKIT_REVOCATION_LIST_URI}, closed by {@link #destroy}. */
    private volatile Optional<dev.authkit.core.RevocationList> ownedRevocations = Optional.empty();

    /** For {@code web.xml}: configured in {@link #init}. */
    public AuthKitFilter() {
    }

    public AuthKitFilter(AuthKit authKit) {
        this(authKit, false);
    }

    /**
     * @param trustForwardedHeaders rebuild the request URL from {@code X-Forwarded-Proto/Host/Port};
     *                              only behind a reverse proxy that sets them (default false)
     */
    public AuthKitFilter(AuthKit authKit, boolean trustForwardedHeaders) {
        this.authKit = authKit;
        this.trustForwardedHeaders = trustForwardedHeaders;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (authKit != null) {
            return;
        }
        Object fromContext = filterConfig.getServletContext().getAttribute(AUTHKIT_ATTRIBUTE);
        if (fromContext instanceof AuthKit k) {
            authKit = k;
            return;
        }
        Map<String, String> params = new HashMap<>();
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            params.put(name, filterConfig.getInitParameter(name));
        }
        try {
            FilterSettings settings = FilterSettings.from(System.getenv(), params);
            authKit = settings.authKit();
            trustForwardedHeaders = settings.trustForwardedHeaders();
            ownedCoordination = settings.coordination();
            ownedStore = settings.sessionStore();
            ownedRevocations = settings.revocationList();
        } catch (AuthKitConfigException e) {
            throw new ServletException("AuthKitFilter is misconfigured: " + e.getMessage(), e);
        }
    }

    /** Closes what {@link #init} created from init parameters (a Redis connection); an AuthKit passed in stays the caller's. */
    @Override
    public void destroy() {
        ownedCoordination.ifPresent(FilterSettings::closeQuietly);
        ownedCoordination = Optional.empty();
        ownedStore.ifPresent(FilterSettings::closeQuietly);
        ownedStore = Optional.empty();
        ownedRevocations.ifPresent(FilterSettings::closeQuietly);
        ownedRevocations = Optional.empty();
    }

    /** The AuthKit this filter runs. */
    public AuthKit authKit() {
        return authKit;
    }

    /**
     * Carries out an outcome. An HTML error page of authkit's goes through {@code sendError}, with
     * its cookies and headers set first, so the application's own error page (a {@code web.xml}
     * {@code <error-page>}, Spring Boot's {@code /error}) shows it; the error code is in the
     * request attribute {@link #ERROR_ATTRIBUTE}.
     */
    static void apply(Outcome outcome, HttpServletResponse response, HttpServletRequest request) throws IOException {
        if (outcome instanceof Outcome.Respond r && r.status() >= 400 && r.contentType().startsWith("text/html")
                && r.problem().isPresent() && !response.isCommitted()) {
            Problem problem = r.problem().get();
            outcome.applyTo(ServletResponseView.headersOnly(response));
            request.setAttribute(ERROR_ATTRIBUTE, problem.code());
            response.sendError(r.status(), problem.message());
            return;
        }
        outcome.applyTo(new ServletResponseView(response));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        AuthKit kit = authKit;
        if (kit == null) {
            throw new ServletException("AuthKitFilter has no AuthKit: construct it with one or let init() configure it");
        }
        if (request.getAttribute(DECIDED_ATTRIBUTE) != null || request.getDispatcherType() == DispatcherType.ERROR
                || request.getDispatcherType() == DispatcherType.ASYNC) {
            Auth auth = request.getAttribute(AUTH_ATTRIBUTE) instanceof Auth a ? a : Auth.signedOut();
            if (request.getAttribute(DECISION_ATTRIBUTE) instanceof Outcome.Continue decision && !response.isCommitted()) {
                restoreDropped(decision, response);
            }
            request.setAttribute(AUTH_ATTRIBUTE, auth);
            request.setAttribute(AUTHKIT_ATTRIBUTE, kit);
            request.setAttribute(ServletAuthKit.TRUST_FORWARDED_ATTRIBUTE, trustForwardedHeaders);
            chain.doFilter(new AuthenticatedRequest(request, auth), response);
            return;
        }
        request.setAttribute(DECIDED_ATTRIBUTE, Boolean.TRUE);
        Outcome outcome = kit.handle(new ServletRequestView(request, trustForwardedHeaders));
        apply(outcome, response, request);
        if (outcome instanceof Outcome.Continue c) {
            request.setAttribute(AUTH_ATTRIBUTE, c.auth());
            request.setAttribute(DECISION_ATTRIBUTE, c);
            request.setAttribute(AUTHKIT_ATTRIBUTE, kit);
            request.setAttribute(ServletAuthKit.TRUST_FORWARDED_ATTRIBUTE, trustForwardedHeaders);
            chain.doFilter(new AuthenticatedRequest(request, c.auth()), response);
        }
    }

    /**
     * A container may reset the response's headers before an error page (Jetty keeps only the
     * cookies): puts back the decision's {@code Vary} and {@code Cache-Control}, never one twice.
     */
    private static void restoreDropped(Outcome.Continue decision, HttpServletResponse response) {
        ServletResponseView.headersOnly(response).addMissing(decision.headers());
    }
}
