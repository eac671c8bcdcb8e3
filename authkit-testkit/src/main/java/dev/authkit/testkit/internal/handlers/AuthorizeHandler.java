package dev.authkit.testkit.internal.handlers;

import static dev.authkit.testkit.internal.WireJson.errorPage;

import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.HostedPages;
import dev.authkit.testkit.internal.Http;
import dev.authkit.testkit.internal.RedirectRules;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.server.Handler;
import dev.authkit.testkit.internal.server.Request;
import dev.authkit.testkit.internal.store.AuthorizationCodes;
import dev.authkit.testkit.internal.store.AuthorizationCodes.PendingAuthorization;
import dev.authkit.testkit.internal.store.Directory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /user_management/authorize} and the hosted pages behind it: the sign-in page listing
 * the seeded users (members only, when the request names an organization), its
 * {@code /complete} link that redirects back with {@code code} and {@code state}, and its
 * {@code /signup} form that creates a user. Checks client id, registered redirect URI,
 * {@code response_type=code} and the S256 challenge method; answers mistakes with an HTML page,
 * since a browser is on the other end.
 */
public final class AuthorizeHandler implements Handler {
    private final FakeSettings settings;
    private final Directory directory;
    private final AuthorizationCodes codes;
    private final RedirectRules redirects;
    private final Function<FakeUser.Builder, FakeUser> signUp;
    private final Duration codeLifetime;

    /**
     * @param signUp       seeds a user from the sign-up form, as {@code FakeWorkOS.addUser} does
     * @param codeLifetime how long an authorization code stays valid
     */
    public AuthorizeHandler(FakeSettings settings, Directory directory, AuthorizationCodes codes,
                            RedirectRules redirects, Function<FakeUser.Builder, FakeUser> signUp, Duration codeLifetime) {
        this.settings = settings;
        this.directory = directory;
        this.codes = codes;
        this.redirects = redirects;
        this.signUp = signUp;
        this.codeLifetime = codeLifetime;
    }

    @Override
    public Reply handle(Request request) {
        String path = request.path();
        Map<String, String> q = request.query();
        if (path.equals("/user_management/authorize/complete")) {
            PendingAuthorization flow = codes.takeFlow(q.getOrDefault("flow", ""));
            FakeUser user = directory.user(q.getOrDefault("user_id", "")).orElse(null);
            if (flow == null || user == null) {
                return errorPage(400, "This sign-in link has expired or was already used. Start again from the application.");
            }
            return complete(flow, user);
        }
        if (path.equals("/user_management/authorize/signup")) {
            PendingAuthorization flow = codes.takeFlow(q.getOrDefault("flow", ""));
            String email = q.getOrDefault("email", "").trim();
            if (flow == null) {
                return errorPage(400, "This sign-up form has expired. Start again from the application.");
            }
            if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                return errorPage(400, "Enter a valid email address.");
            }
            FakeUser user = directory.userByEmail(email).orElseGet(() -> signUp.apply(FakeUser.builder(email)
                    .name(blankToNull(q.get("first_name")), blankToNull(q.get("last_name")))));
            return complete(flow, user);
        }
        if (!path.equals("/user_management/authorize")) {
            return errorPage(404, "Not found.");
        }
        return authorize(q);
    }

    private Reply authorize(Map<String, String> q) {
        if (!settings.clientId().equals(q.get("client_id"))) {
            return errorPage(400, "Unknown client_id. Check WORKOS_CLIENT_ID.");
        }
        String redirectUri = q.get("redirect_uri");
        if (redirectUri == null || !redirects.redirectAllowed(redirectUri)) {
            return errorPage(400, "The redirect_uri is not registered for this client.");
        }
        if (q.containsKey("response_type") && !"code".equals(q.get("response_type"))) {
            return errorPage(400, "Only response_type=code is supported.");
        }
        String method = q.get("code_challenge_method");
        if (q.containsKey("code_challenge") && method != null && !method.equals("S256")) {
            return errorPage(400, "Only the S256 code challenge method is supported.");
        }
        String orgId = q.get("organization_id");
        if (orgId != null && directory.organization(orgId).isEmpty()) {
            return errorPage(400, "Unknown organization_id.");
        }
        PendingAuthorization flow = new PendingAuthorization(redirectUri, q.get("state"), q.get("code_challenge"),
                orgId, q.get("login_hint"), "sign-up".equals(q.get("screen_hint")), q.get("prompt"));
        String auto = codes.autoSignInUserId();
        FakeUser autoUser = auto == null ? null : directory.user(auto).orElse(null);
        if (autoUser != null && recentEnough(autoUser, q.get("max_age"))) {
            return complete(flow, autoUser);
        }
        String flowId = codes.startFlow(flow);
        List<FakeUser> choices = directory.users().stream()
                .filter(u -> orgId == null || directory.membership(u.id(), orgId).isPresent())
                .collect(Collectors.toList());
        return Reply.html(200, HostedPages.signIn(flowId, choices, flow.loginHint(), flow.signUp(),
                orgId == null ? null : directory.organization(orgId).map(FakeOrganization::name).orElseThrow(),
                flow.prompt()));
    }

    /** Ends a flow for {@code user}: a code, and the redirect back to the application with it. */
    private Reply complete(PendingAuthorization flow, FakeUser user) {
        String orgId = flow.organizationId();
        if (orgId != null && directory.membership(user.id(), orgId).isEmpty()) {
            return errorPage(403, user.email() + " is not a member of this organization.");
        }
        boolean choose = user.requiresOrganizationSelection() && directory.memberships(user.id()).size() >= 2;
        if (orgId == null && !choose) { // a user who must choose gets no organization here: the exchange asks
            orgId = directory.firstOrganization(user.id()).map(FakeOrganization::id).orElse(null);
        }
        String code = codes.issue(settings.clientId(), flow, user.id(), orgId, settings.clock().instant(), codeLifetime);
        StringBuilder location = new StringBuilder(flow.redirectUri());
        location.append(flow.redirectUri().contains("?") ? '&' : '?').append("code=").append(Http.encode(code));
        if (flow.state() != null) {
            location.append("&state=").append(Http.encode(flow.state()));
        }
        return Reply.redirect(location.toString());
    }

    /**
     * Whether {@code user}'s last authentication is at most {@code max_age} seconds old (no
     * {@code max_age}: always); otherwise the hosted page asks again, and the new sign-in is the
     * session's {@code auth_time}.
     */
    private boolean recentEnough(FakeUser user, String maxAge) {
        if (maxAge == null) {
            return true;
        }
        long seconds;
        try {
            seconds = Long.parseLong(maxAge);
        } catch (NumberFormatException e) {
            return false;
        }
        return directory.lastSignIn(user.id())
                .map(t -> !t.plusSeconds(seconds).isBefore(settings.clock().instant())).orElse(false);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
