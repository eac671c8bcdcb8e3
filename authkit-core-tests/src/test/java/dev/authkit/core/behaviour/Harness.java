package dev.authkit.core.behaviour;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.FakeClock;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.internal.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An application at http://app.test wired to a FakeWorkOS. */
final class Harness {
    static final String PASSWORD = "behaviour-test-cookie-password-0123456789";
    static final String APP = "http://app.test";
    static final String REDIRECT = APP + "/callback";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final FakeWorkOS fake;

    Harness(FakeWorkOS fake) {
        this.fake = fake;
    }

    static FakeWorkOS.Builder fakeOptions() {
        return FakeWorkOS.builder().redirectUri(REDIRECT).withDemoData().clock(FakeClock.startingNow());
    }

    AuthKitConfig config() {
        return AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                .redirectUri(REDIRECT).apiBaseUrl(fake.baseUrl()).build();
    }

    AuthKit.Builder authKit() {
        return AuthKit.builder(config()).clock(fake.clock());
    }

    FakeUser user(String id) {
        return fake.user(id).orElseThrow();
    }

    static String seal(Session session) {
        return CookieSealer.iron(PASSWORD).sealSession(session);
    }

    static TestRequest withSession(TestRequest r, IssuedSession s) {
        return r.cookie("wos-session", s.cookieValue(PASSWORD));
    }

    static TestRequest withSession(TestRequest r, Session s) {
        return r.cookie("wos-session", seal(s));
    }

    /** The session sealed in a Set-Cookie the core wrote. */
    static Session unsealed(SetCookie c) {
        return CookieSealer.iron(PASSWORD).unsealSession(c.value()).orElseThrow();
    }

    static Optional<SetCookie> cookie(Outcome o, String name) {
        return o.cookies().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    static List<String> setCookieHeaders(Outcome o) {
        return o.cookies().stream().map(SetCookie::headerValue).toList();
    }

    static Map<String, String> query(String url) {
        return Http.parseQuery(URI.create(url).getRawQuery());
    }

    /** Opens the hosted page at {@code authorizationUrl}, picks {@code user}, and returns the callback URL WorkOS sent back. */
    String chooseUser(String authorizationUrl, FakeUser user) {
        String page = get(authorizationUrl).body();
        Matcher m = Pattern.compile("id=\"sign-in-" + Pattern.quote(user.id()) + "\" href=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError(user.email() + " not on the hosted page: " + page);
        }
        HttpResponse<String> back = get(fake.baseUrl() + m.group(1).replace("&amp;", "&"));
        return back.headers().firstValue("Location").orElseThrow();
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
