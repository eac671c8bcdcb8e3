package dev.authkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeClock;
import dev.authkit.testkit.FakeWorkOS;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model of a user's sessions walks 2,400 random steps against FakeWorkOS (sign-ins through the
 * callback, page loads, refreshes that succeed, fail for a while or end the session, organization
 * switches, sign-outs), counting what each step must cause; at the end the Micrometer counters
 * equal the model's counts and the events a second listener heard, exactly.
 */
class SessionJourneyMetricsTest {
    private static final String APP = "http://app.test";
    private static final String PASSWORD = "journey-test-cookie-password-0123456789ab";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private FakeWorkOS fake;

    @BeforeEach
    void start() {
        fake = FakeWorkOS.builder().redirectUri(APP + "/callback").withDemoData().clock(FakeClock.startingNow()).start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void countersEqualTheModelAfter2400Steps() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AuthKitMetrics metrics = AuthKitMetrics.bindTo(registry);
        Map<Class<?>, Integer> heard = new ConcurrentHashMap<>();
        AuthKit authKit = AuthKit.builder(AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey())
                        .cookiePassword(PASSWORD).redirectUri(APP + "/callback").apiBaseUrl(fake.baseUrl()).build())
                .clock(fake.clock()).events(metrics).events(e -> heard.merge(e.getClass(), 1, Integer::sum)).build();
        metrics.bindCaches(authKit);
        Map<String, Integer> model = new HashMap<>();
        Random random = new Random(22);
        String cookie = null;
        for (int step = 0; step < 2400; step++) {
            if (cookie == null) {
                cookie = signIn(authKit);
                model.merge("sign.in", 1, Integer::sum);
                continue;
            }
            int r = random.nextInt(100);
            if (r < 40) {
                cookie = page(authKit, cookie, true);
            } else if (r < 60) {
                fake.clock().advance(Duration.ofMinutes(5));
                cookie = page(authKit, cookie, true);
                model.merge("success", 1, Integer::sum);
            } else if (r < 70) {
                fake.clock().advance(Duration.ofMinutes(5));
                fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.serverError());
                cookie = page(authKit, cookie, false);
                model.merge("transient", 1, Integer::sum);
                cookie = page(authKit, cookie, true); // the cookie was kept: the next request refreshes
                model.merge("success", 1, Integer::sum);
            } else if (r < 80) {
                Req req = Req.post(APP + "/switch", "wos-session=" + cookie);
                Auth auth = ((Outcome.Continue) authKit.handle(req)).auth();
                String to = auth.organizationId().filter(DemoData.ACME::equals).isPresent() ? DemoData.GLOBEX : DemoData.ACME;
                Outcome o = authKit.switchToOrganization(req, auth, to, Optional.empty());
                cookie = sessionCookie(o).map(SetCookie::value).orElseThrow(() -> new AssertionError("switch failed: " + o));
                model.merge("success", 1, Integer::sum);
                model.merge("switch", 1, Integer::sum);
            } else if (r < 90) {
                authKit.flow().signOut(Req.get(APP + "/signout", "wos-session=" + cookie), Optional.empty());
                model.merge("sign.out", 1, Integer::sum);
                cookie = null;
            } else {
                fake.clock().advance(Duration.ofMinutes(5));
                fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.invalidGrant());
                Outcome o = authKit.handle(Req.get(APP + "/", "wos-session=" + cookie));
                assertThat(sessionCookie(o)).as("cookie deleted").isEmpty();
                model.merge("terminal", 1, Integer::sum);
                cookie = null;
            }
        }

        assertThat(model.get("sign.in")).as("the walk covers every kind of step").isGreaterThan(100);
        assertThat(counter(registry, "authkit.sign.in")).isEqualTo(model.get("sign.in"))
                .isEqualTo(heard.get(AuthKitEvent.SignedIn.class));
        assertThat(counter(registry, "authkit.sign.out")).isEqualTo(model.get("sign.out"))
                .isEqualTo(heard.get(AuthKitEvent.SignedOut.class));
        assertThat(counter(registry, "authkit.session.refresh", "outcome", "success")).isEqualTo(model.get("success"))
                .isEqualTo(heard.get(AuthKitEvent.SessionRefreshed.class));
        assertThat(counter(registry, "authkit.organization.switch")).isEqualTo(model.get("switch"))
                .isEqualTo(heard.get(AuthKitEvent.OrganizationSwitched.class));
        assertThat(counter(registry, "authkit.session.refresh", "outcome", "transient")).isEqualTo(model.get("transient"));
        assertThat(counter(registry, "authkit.session.refresh", "outcome", "terminal")).isEqualTo(model.get("terminal"));
        assertThat(heard.get(AuthKitEvent.RefreshFailed.class)).isEqualTo(model.get("transient") + model.get("terminal"));
        assertThat(counter(registry, "authkit.session.refresh", "outcome", "shared")).isZero();
        assertThat(registry.get("authkit.workos.request").tags("endpoint", "refresh").timers().stream()
                .mapToLong(t -> t.count()).sum())
                .isEqualTo(model.get("success") + model.get("transient") + model.get("terminal"));
        assertThat(registry.get("authkit.session.size").summary().count())
                .isEqualTo(heard.get(AuthKitEvent.SessionSize.class).longValue());
        assertThat(registry.get("authkit.cache.hit.ratio").tag("cache", "tokens").gauge().value()).isBetween(0.0, 1.0);
    }

    private static int counter(SimpleMeterRegistry registry, String name, String... tags) {
        return (int) registry.get(name).tags(tags).counter().count();
    }

    /** A page load; returns the session cookie to go on with. */
    private static String page(AuthKit authKit, String cookie, boolean signedIn) {
        Outcome o = authKit.handle(Req.get(APP + "/", "wos-session=" + cookie));
        assertThat(((Outcome.Continue) o).auth().isSignedIn()).isEqualTo(signedIn);
        return sessionCookie(o).map(SetCookie::value).orElse(cookie);
    }

    private static Optional<SetCookie> sessionCookie(Outcome o) {
        return o.cookies().stream().filter(c -> c.name().equals("wos-session") && !c.isDeletion()).findFirst();
    }

    private String signIn(AuthKit authKit) throws IOException, InterruptedException {
        AuthorizationRedirect redirect = authKit.flow().signInUrl(Req.get(APP + "/login", null), SignInOptions.defaults());
        SetCookie verifier = redirect.cookies().stream().filter(c -> c.name().startsWith("wos-auth-verifier-"))
                .findFirst().orElseThrow();
        String page = HTTP.send(HttpRequest.newBuilder(URI.create(redirect.url())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("id=\"sign-in-" + DemoData.ALICE + "\" href=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        String callback = HTTP.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + m.group(1).replace("&amp;", "&")))
                .build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        Outcome o = authKit.flow().handleCallback(Req.get(callback, verifier.name() + "=" + verifier.value()),
                CallbackOptions.defaults());
        return sessionCookie(o).orElseThrow(() -> new AssertionError("sign-in failed: " + o)).value();
    }
}
