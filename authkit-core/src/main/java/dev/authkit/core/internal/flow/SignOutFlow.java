package dev.authkit.core.internal.flow;

import com.workos.WorkOS;
import com.workos.usermanagement.AuthKitAuthUrlsKt;
import com.workos.usermanagement.AuthKitLogoutUrlOptions;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.Outcome;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.SessionCookies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-out: clears the session cookie in every form (the plain cookie, every chunk, the store
 * entry, so a copied cookie is dead), every pending verifier cookie and the eager access-token
 * cookie, then redirects to WorkOS's logout URL for the session (which ends it at WorkOS and comes
 * back to {@code returnTo}), or straight to {@code returnTo} without a session.
 */
public final class SignOutFlow {
    private static final Logger LOG = LoggerFactory.getLogger(SignOutFlow.class);

    private final WorkOS workos;
    private final SessionCookies sessions;
    private final CookieFactory cookies;
    private final ReturnTargets returnTargets;
    private final DecisionLog decisions;
    private final EventSink events;

    public SignOutFlow(WorkOS workos, SessionCookies sessions, ReturnTargets returnTargets, boolean debug) {
        this.workos = workos;
        this.sessions = sessions;
        this.cookies = sessions.factory();
        this.returnTargets = returnTargets;
        this.decisions = new DecisionLog(LOG, debug);
        this.events = sessions.events();
    }

    /** @param returnTo a local path or a URL on an allowed origin; anything else is ignored (no open redirect) */
    public Outcome.Redirect signOut(RequestContext ctx, Optional<String> returnTo) {
        Optional<String> safeReturn = returnTo.flatMap(r -> returnTargets.safeReturnTo(ctx, r));
        if (returnTo.isPresent() && safeReturn.isEmpty()) {
            decisions.decide("sign-out returnTo is neither a local path nor on an allowed origin: ignored");
        }
        // read before the store entry is deleted: the session id is inside
        Optional<Session> session = sessions.read(ctx);
        Optional<String> sessionId = session.flatMap(s -> TokenClaims.decodeUnverified(s.accessToken()))
                .flatMap(TokenClaims::sessionId);
        session.ifPresent(s -> events.emit(new AuthKitEvent.SignedOut(events.now(), Optional.of(s.user().id()), sessionId)));
        List<SetCookie> out = new ArrayList<>();
        if (sessions.present(ctx)) {
            out.addAll(sessions.end(ctx));
        }
        out.addAll(cookies.verifierDeletions(ctx, SignInFlow.pendingVerifiers(ctx)));
        if (ctx.cookies().containsKey(CookieFactory.EAGER_ACCESS_TOKEN)) {
            out.add(cookies.eagerAccessTokenDeletion(ctx));
        }
        String location;
        if (sessionId.isPresent()) {
            AuthKitLogoutUrlOptions logout = safeReturn.isPresent()
                    ? new AuthKitLogoutUrlOptions(sessionId.get(), safeReturn.get())
                    : new AuthKitLogoutUrlOptions(sessionId.get());
            location = AuthKitAuthUrlsKt.getLogoutUrl(workos.getUserManagement(), logout);
            decisions.decide("signing out session " + sessionId.get());
        } else {
            location = safeReturn.orElse(ctx.origin() + ctx.rootPath());
            decisions.decide("sign-out without a session");
        }
        return new Outcome.Redirect(location, ctx.redirectStatus(), out, Outcomes.noStore());
    }
}
