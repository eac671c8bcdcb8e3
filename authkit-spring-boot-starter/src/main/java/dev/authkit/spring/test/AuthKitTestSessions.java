package dev.authkit.spring.test;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.util.List;
import java.util.function.Supplier;

/**
 * Session cookies for users of the {@link FakeWorkOS}, sealed the way the application under test
 * seals them (its cookie name, password and sealer), for requests made as a signed-in user.
 *
 * <pre>{@code
 * mockMvc.perform(get("/account").cookie(sessions.cookie(DemoData.ALICE)))
 * webTestClient.get().uri("/account").header("Cookie", sessions.cookieHeader(DemoData.ALICE)).exchange()
 * }</pre>
 */
public final class AuthKitTestSessions {
    private static final AuthKitRequest ANY_REQUEST = new AuthKitRequest() {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String url() {
            return "http://localhost/";
        }

        @Override
        public List<String> headers(String name) {
            return List.of();
        }
    };

    private final FakeWorkOS fake;
    private final Supplier<AuthKit> authKit;

    AuthKitTestSessions(FakeWorkOS fake, Supplier<AuthKit> authKit) {
        this.fake = fake;
        this.authKit = authKit;
    }

    /** A fresh session at the fake for the user with this id, as a servlet cookie (for MockMvc). */
    public jakarta.servlet.http.Cookie cookie(String userId) {
        SetCookie c = sessionCookie(userId);
        return new jakarta.servlet.http.Cookie(c.name(), c.value());
    }

    /** The same as a {@code Cookie} request header value: {@code wos-session=...}. */
    public String cookieHeader(String userId) {
        SetCookie c = sessionCookie(userId);
        return c.name() + "=" + c.value();
    }

    /** A fresh session at the fake for the user with this id, as the application would set it. */
    public SetCookie sessionCookie(String userId) {
        FakeUser user = fake.user(userId).orElseThrow(() -> new IllegalArgumentException("the fake has no user " + userId));
        return sessionCookie(fake.signIn(user));
    }

    /** A session the test got from the fake itself ({@code fake.signIn(user)}), as the application would set it. */
    public SetCookie sessionCookie(IssuedSession session) {
        return authKit.get().sessions().saveSession(ANY_REQUEST, session.toSession());
    }

    /** {@link #sessionCookie(IssuedSession)} as a {@code Cookie} request header value, for {@code WebTestClient} or any client. */
    public String cookieHeader(IssuedSession session) {
        SetCookie c = sessionCookie(session);
        return c.name() + "=" + c.value();
    }
}
