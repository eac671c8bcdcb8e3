package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.DemoData;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Idle and absolute session limits through journeys on the fake's clock: a browser that keeps its
 * cookie jar, requests at chosen times, and the boundaries (exactly the limit: still signed in;
 * one second past it: signed out, cookie deleted). Off by default, where the cookie keeps
 * authkit-nextjs's shape.
 */
class SessionLimitsJourneyTest extends BehaviourTest {

    /** A browser with one cookie, following every Set-Cookie of the session. */
    final class Browser {
        final AuthKit kit;
        String cookie;
        Outcome last;

        Browser(AuthKit kit) {
            this.kit = kit;
            this.cookie = fake.signIn(h.user(DemoData.ALICE)).cookieValue(PASSWORD);
        }

        boolean visit() {
            last = kit.handle(TestRequest.get(APP + "/account").cookie("wos-session", cookie));
            Optional<SetCookie> set = Harness.cookie(last, "wos-session");
            set.ifPresent(c -> cookie = c.isDeletion() ? null : c.value());
            return last instanceof Outcome.Continue c && c.auth().isSignedIn();
        }

        boolean wrote() {
            return Harness.cookie(last, "wos-session").filter(c -> !c.isDeletion()).isPresent();
        }

        boolean deleted() {
            return Harness.cookie(last, "wos-session").filter(SetCookie::isDeletion).isPresent();
        }

        String json() {
            return CookieSealer.iron(PASSWORD).unseal(cookie).orElseThrow();
        }
    }

    void wholeSecond() {
        fake.clock().set(fake.clock().instant().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void anIdleSessionEndsOneSecondPastTheLimitNotAtIt() {
        wholeSecond();
        Browser b = new Browser(h.authKit().inactivityTimeout(Duration.ofMinutes(10)).build());
        assertThat(b.visit()).isTrue();
        assertThat(b.wrote()).as("an unstamped session is adopted").isTrue();
        assertThat(b.json()).contains("\"authkitSignedInAt\"").contains("\"authkitLastSeenAt\"");
        fake.clock().advance(Duration.ofSeconds(10));
        assertThat(b.visit()).isTrue();
        assertThat(b.wrote()).as("the last-seen time is renewed at most once a minute").isFalse();
        fake.clock().advance(Duration.ofMinutes(10).minusSeconds(10));
        assertThat(b.visit()).as("unused exactly the limit").isTrue();
        fake.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(b.visit()).as("unused one second longer than the limit").isFalse();
        assertThat(b.deleted()).isTrue();
    }

    @Test
    void aSessionInUseEndsAtTheAbsoluteLimitCountedFromSignIn() {
        wholeSecond();
        Browser b = new Browser(h.authKit().inactivityTimeout(Duration.ofMinutes(10)).absoluteTimeout(Duration.ofHours(1)).build());
        for (int minute = 0; minute < 60; minute += 4) {
            assertThat(b.visit()).as("minute " + minute).isTrue();
            fake.clock().advance(Duration.ofMinutes(4));
        }
        // 60 minutes after the sign-in, refreshed many times on the way
        assertThat(fake.refreshCalls()).isPositive();
        assertThat(b.visit()).as("exactly the absolute limit").isTrue();
        fake.clock().advance(Duration.ofSeconds(1));
        assertThat(b.visit()).as("one second past it, though in use").isFalse();
        assertThat(b.deleted()).isTrue();
    }

    @Test
    void withoutALimitTheCookieKeepsAuthkitNextjssShapeAndAnIdleSessionLives() {
        Browser b = new Browser(h.authKit().build());
        assertThat(b.visit()).isTrue();
        assertThat(b.wrote()).isFalse();
        fake.clock().advance(Duration.ofDays(2));
        assertThat(b.visit()).isTrue();
        assertThat(b.wrote()).as("refreshed").isTrue();
        assertThat(b.json()).doesNotContain("authkitSignedInAt").doesNotContain("authkitLastSeenAt");
    }

    @Test
    void limitsMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.authKit().inactivityTimeout(Duration.ZERO))
                .hasMessageContaining("inactivityTimeout");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.authKit().absoluteTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("absoluteTimeout");
    }
}
