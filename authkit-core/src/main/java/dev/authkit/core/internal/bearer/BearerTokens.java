package dev.authkit.core.internal.bearer;

import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.Problem;
import dev.authkit.core.internal.crypto.JwtVerifier;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.AuthValues;
import dev.authkit.core.internal.session.Revocations;
import dev.authkit.core.internal.session.SessionReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Authorization: Bearer <WorkOS access token>}, verified like the cookie's token. A valid
 * one continues as that user (no cookie is read or written); a bad, expired or empty one is a 401
 * with a {@code WWW-Authenticate} header that says why, never a redirect. Other
 * {@code Authorization} schemes are left to the application.
 */
public final class BearerTokens {
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokens.class);

    private final JwtVerifier verifier;
    private final AuthValues values;
    private final DecisionLog decisions;
    private final Revocations revocations;

    public BearerTokens(JwtVerifier verifier, AuthValues values, boolean debug, Revocations revocations) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.values = values;
        this.decisions = new DecisionLog(LOG, debug);
    }

    /** The bearer token's verdict, or empty when the request carries no bearer token. */
    public Optional<Outcome> authenticate(RequestContext ctx) {
        Optional<String> header = ctx.request().header("Authorization");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (!value.regionMatches(true, 0, "Bearer", 0, 6) || (value.length() > 6 && value.charAt(6) != ' ')) {
            return Optional.empty();
        }
        String token = value.substring(6).trim();
        if (token.isEmpty()) {
            return Optional.of(unauthorized("invalid_request", "The Authorization header has no token"));
        }
        revocations.mayBlock(ctx); // before anything is counted or emitted, as for a cookie
        JwtVerifier.Result verdict = SessionReader.verify(ctx, verifier, token);
        if (verdict instanceof JwtVerifier.Valid v) {
            if (v.claims().subject().isEmpty()) {
                return Optional.of(unauthorized("invalid_token", "The access token has no subject"));
            }
            if (revocations.revokedBearer(v.claims())) {
                decisions.decide("bearer token of user " + v.claims().subject().get() + " rejected: its session was revoked");
                return Optional.of(unauthorized("invalid_token", "The access token's session was revoked"));
            }
            decisions.decide("bearer token of user " + v.claims().subject().get() + " accepted");
            return Optional.of(new Outcome.Continue(values.bearer(token, v.claims()), List.of(), Outcomes.bearerNoStore()));
        }
        String why = verdict instanceof JwtVerifier.Expired ? "The access token expired" : "The access token is invalid";
        decisions.decide("bearer token rejected: " + why);
        return Optional.of(unauthorized("invalid_token", why));
    }

    private static Outcome unauthorized(String error, String description) {
        List<Header> h = new ArrayList<>(Outcomes.rendered(Outcomes.bearerNoStore()));
        h.add(new Header("WWW-Authenticate", "Bearer error=\"" + error + "\", error_description=\"" + description + "\""));
        return new Outcome.Respond(401, "application/json",
                "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}", List.of(), h,
                Optional.of(new Problem(error, description + ".")));
    }
}
