package dev.authkit.core.internal.refresh;

import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.Outcome;
import dev.authkit.core.RefreshOutcome;
import dev.authkit.core.Session;
import dev.authkit.core.SignInOptions;
import dev.authkit.core.internal.decision.Decisions;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.flow.ReturnTargets;
import dev.authkit.core.internal.flow.SignInFlow;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.AuthValues;
import dev.authkit.core.internal.session.SessionCookies;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes asked for by the application or the browser (authkit-nextjs {@code refreshSession},
 * organization switching), always of the session the request's pipeline resolved, so the refresh
 * token a request holds is used exactly once. What WorkOS answers maps to a {@link RefreshOutcome}:
 * only a session WorkOS ended signs the user out; a refusal keeps the session.
 */
public final class ExplicitRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(ExplicitRefresh.class);
    /** The reason of a refresh whose session fits in no cookie form (no session store configured). */
    public static final String SESSION_TOO_LARGE = "session too large for cookies";

    private final Refresher refresher;
    private final SessionCookies cookies;
    private final SignInFlow signIn;
    private final AuthValues values;
    private final ReturnTargets returnTargets;
    private final Decisions decisionsStage;
    private final DecisionLog decisions;
    private final EventSink events;

    public ExplicitRefresh(Refresher refresher, SessionCookies cookies, SignInFlow signIn, AuthValues values,
                           ReturnTargets returnTargets, Decisions decisionsStage, boolean debug) {
        this.events = cookies.events();
        this.refresher = refresher;
        this.cookies = cookies;
        this.signIn = signIn;
        this.values = values;
        this.returnTargets = returnTargets;
        this.decisionsStage = decisionsStage;
        this.decisions = new DecisionLog(LOG, debug);
    }

    /**
     * One refresh-token exchange for the request's session, into {@code organizationId} when
     * given, else keeping its organization.
     *
     * @param returnTo where a re-authentication demanded by WorkOS comes back to (a local path)
     */
    public RefreshOutcome refresh(RequestContext ctx, Optional<Session> session, Optional<String> organizationId,
                                  String returnTo) {
        if (session.isEmpty()) {
            return new RefreshOutcome.SignedOut();
        }
        Optional<String> before = Refresher.organizationOf(session.get(), Optional.empty());
        String org = organizationId.or(() -> before).orElse(null);
        Exchange exchange = refresher.exchange(session.get(), org, ctx.signals());
        if (exchange.ok() && org != null && !before.filter(org::equals).isPresent()) {
            events.emit(new AuthKitEvent.OrganizationSwitched(events.now(), exchange.session().user().id(),
                    exchange.claims().sessionId(), before, org));
        }
        if (exchange.ok()) {
            SessionCookies.Written written = cookies.write(ctx, exchange.session(), false);
            if (written.tooLarge()) {
                return new RefreshOutcome.Failed(SESSION_TOO_LARGE, false, written.cookies());
            }
            return new RefreshOutcome.Refreshed(values.cookie(exchange.session(), exchange.claims()), written.cookies());
        }
        WorkOSResponses.Failure failure = exchange.failure();
        if (failure.authkitRedirectUrl().isPresent()) {
            return new RefreshOutcome.ReauthenticationRequired(failure.authkitRedirectUrl().get(), List.of());
        }
        if (failure.kind() == WorkOSResponses.Kind.SSO_REQUIRED || failure.kind() == WorkOSResponses.Kind.MFA_ENROLLMENT) {
            decisions.decide("WorkOS asks to sign in again for organization " + org + " (" + failure.description() + ")");
            AuthorizationRedirect redirect = signIn.authorization(ctx, SignInOptions.builder()
                    .organizationId(org).returnTo(HttpUrls.localPathOr(returnTo, ctx.rootPath())).build(), true);
            return new RefreshOutcome.ReauthenticationRequired(redirect.url(), redirect.cookies());
        }
        if (failure.kind() == WorkOSResponses.Kind.REFUSED) {
            decisions.decide("WorkOS refused the refresh (" + failure.description() + "): session kept");
            String error = failure.error().orElse("refused");
            if (error.equals("organization_membership_required")) {
                return new RefreshOutcome.Refused(403, error, "You are not a member of that organization.");
            }
            if (failure.status() == 404 || error.equals("entity_not_found") || error.equals("organization_not_found")) {
                return new RefreshOutcome.Refused(404, "organization_not_found", "That organization does not exist.");
            }
            return new RefreshOutcome.Refused(409, error, "WorkOS refused the change (" + failure.description() + ").");
        }
        boolean ended = failure.endsSession();
        return new RefreshOutcome.Failed("refresh failed: " + failure.description(), !ended,
                ended ? cookies.end(ctx) : List.of());
    }

    /**
     * Moves the request's session into another organization and redirects (303) to
     * {@code returnTo} (a local path or an allowed origin, default the application's root); SSO or
     * MFA demanded: a sign-in for that organization coming back there; refused: 403, 404 or 409,
     * the session kept; WorkOS unreachable: 503; no session or ended: sign-in required.
     */
    public Outcome switchTo(RequestContext ctx, Optional<Session> session, String organizationId, Optional<String> returnTo) {
        String target = returnTo.flatMap(r -> returnTargets.safeReturnTo(ctx, r)).orElse(ctx.origin() + ctx.rootPath());
        String localReturn = returnTo.filter(HttpUrls::isLocalPath).orElse(ctx.rootPath());
        RefreshOutcome outcome = refresh(ctx, session, Optional.of(organizationId), localReturn);
        if (outcome instanceof RefreshOutcome.Refreshed r) {
            return new Outcome.Redirect(target, 303, r.cookies(), Outcomes.noStore());
        }
        if (outcome instanceof RefreshOutcome.ReauthenticationRequired r) {
            return new Outcome.Redirect(r.authorizationUrl(), 303, r.cookies(), Outcomes.noStore());
        }
        if (outcome instanceof RefreshOutcome.Refused r) {
            return ErrorPages.of(ctx, r.status(), r.error(), r.reason());
        }
        if (outcome instanceof RefreshOutcome.Failed f && f.isTransient()) {
            return ErrorPages.unavailable(ctx, List.of(), List.of());
        }
        if (outcome instanceof RefreshOutcome.Failed f && f.reason().equals(SESSION_TOO_LARGE)) {
            return ErrorPages.sessionTooLarge(ctx, f.cookies());
        }
        return Outcomes.merged(decisionsStage.signInRequired(ctx, localReturn, decisionsStage.screenFor(ctx, localReturn)),
                outcome.cookies(), List.of());
    }
}
