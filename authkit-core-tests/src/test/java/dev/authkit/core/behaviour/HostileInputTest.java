package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.PASSWORD;
import static dev.authkit.core.behaviour.Harness.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.PathPolicy;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.DemoData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The failures of the hostile-input report (issue 9) against {@link AuthKit#handle}: ambiguous
 * paths, long return paths, login hints and states, planted verifier cookies, and the caching
 * headers of responses that carry cookies.
 */
class HostileInputTest extends BehaviourTest {
    static final String NO_STORE = "private, no-cache, no-store, must-revalidate, max-age=0";
    static final int EIGHT_KIB = 8 * 1024;

    AuthKit protectedApp() {
        return h.authKit().middlewareAuth(true).unauthenticatedPaths("/", "/public/:path*").eagerAuth(true).build();
    }

    /** The bytes these headers take on the wire: {@code Name: value\r\n} each, Location and Set-Cookie included. */
    static int headerBytes(Outcome o) {
        List<String> lines = new ArrayList<>();
        o.headers().forEach(h -> lines.add(h.name() + ": " + h.value()));
        o.cookies().forEach(c -> lines.add("Set-Cookie: " + c.headerValue()));
        if (o instanceof Outcome.Redirect r) {
            lines.add("Location: " + r.location());
        }
        return lines.stream().mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length + 2).sum();
    }

    static String returnPathname(Outcome o) {
        SetCookie verifier = o.cookies().stream().filter(c -> c.name().startsWith("wos-auth-verifier-") && !c.isDeletion())
                .findFirst().orElseThrow();
        return CookieSealer.iron(PASSWORD).unseal(verifier.value()).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/..", "/admin/%2e%2e/public", "/admin/x;/../../public", "/admin/x//../../public",
        "/admin/..;/public", "/admin/x%2F..%2F..%2Fpublic/y", "/admin/%2e%2e%5cpublic", "/admin%2f..%2fpublic",
        "/public/x/..%2f..%2fadmin", "/public/..", "/public%00/x", "/public/%zz"})
    void ambiguousPathsAreRefusedBeforeAnythingRoutes(String path) {
        Outcome o = protectedApp().handle(TestRequest.get(APP + path).html());
        assertThat(o).as(path).isInstanceOf(Outcome.Respond.class);
        Outcome.Respond r = (Outcome.Respond) o;
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body()).contains("path").contains("refused").doesNotContain(path);
        assertThat(o.cookies()).isEmpty();
    }

    @Test
    void aRequestTheCoreCannotReadIsA400NotAnException() {
        dev.authkit.core.AuthKitRequest broken = new dev.authkit.core.AuthKitRequest() {
            @Override
            public String method() {
                return null; // an adapter bug or a request line the container let through
            }

            @Override
            public String url() {
                return APP + "/admin";
            }

            @Override
            public List<String> headers(String name) {
                return List.of();
            }
        };
        Outcome o = protectedApp().handle(broken);
        assertThat(o).isInstanceOf(Outcome.Respond.class);
        assertThat(((Outcome.Respond) o).status()).isEqualTo(400);
        assertThat(((Outcome.Respond) o).body()).doesNotContain("Exception");
    }

    @Test
    void aRelaxedRuleLetsItsPathsThrough() {
        AuthKit kit = h.authKit().middlewareAuth(true).unauthenticatedPaths("/public/:path*")
                .pathPolicy(PathPolicy.builder().allow(PathPolicy.Rule.SEMICOLON).build()).build();
        assertThat(kit.handle(TestRequest.get(APP + "/public/a;jsessionid=1"))).isInstanceOf(Outcome.Continue.class);
        assertThat(kit.handle(TestRequest.get(APP + "/public/..;/admin"))).isInstanceOf(Outcome.Respond.class);
    }

    @Test
    void aLongProtectedPathSignsInAndLandsOnTheRoot() {
        Outcome o = protectedApp().handle(TestRequest.get(APP + "/admin/" + "a".repeat(2500)).html());
        assertThat(o).isInstanceOf(Outcome.Redirect.class);
        assertThat(returnPathname(o)).doesNotContain("returnPathname");
        assertThat(headerBytes(o)).isLessThan(EIGHT_KIB);

        Outcome shorter = protectedApp().handle(TestRequest.get(APP + "/admin/" + "a".repeat(500)).html());
        assertThat(returnPathname(shorter)).contains("/admin/" + "a".repeat(500));
    }

    @Test
    void longReturnPathsOnTheSignInRoutesAreDropped() {
        Outcome signIn = protectedApp().handle(TestRequest.get(APP + "/auth/sign-in?returnTo=/" + "b".repeat(2500)).html());
        assertThat(signIn).isInstanceOf(Outcome.Redirect.class);
        assertThat(returnPathname(signIn)).doesNotContain("returnPathname");

        Outcome api = protectedApp().handle(TestRequest.get(APP + "/auth/api/auth?ensureSignedIn=true&returnTo=/"
                + "c".repeat(2500)));
        assertThat(api).isInstanceOf(Outcome.Respond.class);
        assertThat(((Outcome.Respond) api).status()).isEqualTo(200);
        assertThat(((Outcome.Respond) api).body()).contains("signInUrl");
    }

    @Test
    void aHugeLoginHintIsDroppedAndTheLocationStaysSmall() {
        Outcome o = protectedApp().handle(TestRequest.get(APP + "/auth/sign-in?loginHint=" + "%E2%82%AC".repeat(7000)
                + "&organizationId=" + "o".repeat(3000)).html());
        Outcome.Redirect r = (Outcome.Redirect) o;
        assertThat(query(r.location())).doesNotContainKeys("login_hint", "organization_id");
        assertThat(headerBytes(o)).isLessThan(EIGHT_KIB);

        Outcome normal = protectedApp().handle(TestRequest.get(APP + "/auth/sign-in?loginHint=alice%40example.com"
                + "&organizationId=org_123").html());
        assertThat(query(((Outcome.Redirect) normal).location())).containsEntry("login_hint", "alice@example.com")
                .containsEntry("organization_id", "org_123");
    }

    @Test
    void plantedVerifierCookiesAreClearedAFewPerResponse() {
        AuthKit kit = protectedApp();
        List<String> planted = new ArrayList<>();
        TestRequest r = TestRequest.get(APP + "/admin/x").html();
        for (int i = 0; i < 100; i++) {
            String name = String.format("wos-auth-verifier-%08x", i);
            planted.add(name);
            r = r.cookie(name, "x".repeat(20));
        }
        Outcome o = kit.handle(r);
        assertThat(o.cookies()).filteredOn(SetCookie::isDeletion).hasSizeBetween(1, 6);
        assertThat(headerBytes(o)).isLessThan(EIGHT_KIB);

        // a browser that keeps signing in loses the planted cookies a few at a time
        List<String> left = new ArrayList<>(planted);
        for (int round = 0; round < 40 && left.size() >= 5; round++) {
            TestRequest next = TestRequest.get(APP + "/admin/x").html();
            for (String n : left) {
                next = next.cookie(n, "x");
            }
            Outcome step = kit.handle(next);
            step.cookies().stream().filter(SetCookie::isDeletion).map(SetCookie::name).forEach(left::remove);
        }
        assertThat(left).hasSizeLessThan(5);
    }

    @Test
    void aHugeSignOutReturnToIsIgnored() {
        Outcome o = protectedApp().handle(TestRequest.post(APP + "/auth/sign-out?returnTo=/" + "d".repeat(9000))
                .header("Origin", APP));
        assertThat(((Outcome.Redirect) o).location()).isEqualTo(APP + "/");
    }

    @Test
    void everyOutcomeThatSetsOrDeletesACookieIsPrivateAndVariesOnCookie() {
        AuthKit kit = protectedApp();
        var alice = fake.signIn(h.user(DemoData.ALICE));
        List<Outcome> outcomes = List.of(
                kit.handle(TestRequest.get(APP + "/admin/x").html()),
                kit.handle(TestRequest.get(APP + "/admin/x").html().cookie("wos-session", "garbage")),
                kit.handle(TestRequest.get(APP + "/public/x").html().cookie("wos-session", "garbage")),
                kit.handle(Harness.withSession(TestRequest.get(APP + "/public/x").html(), alice)),
                kit.handle(TestRequest.get(APP + "/auth/sign-in").html()),
                kit.handle(TestRequest.get(APP + "/callback?code=x&state=y").cookie("wos-auth-verifier", "z")),
                new Outcome.Redirect(APP + "/", 302, List.of(new SetCookie("a", "b", 10, null, null, false, false, null)),
                        List.of(new Header("Cache-Control", "public, max-age=3600"))));
        for (Outcome o : outcomes) {
            assertThat(o.cookies()).as(o.toString()).isNotEmpty();
            assertThat(o.headers()).as(o.toString()).contains(new Header("Cache-Control", NO_STORE));
            assertThat(o.headers()).filteredOn(x -> x.name().equalsIgnoreCase("Cache-Control")).hasSize(1);
            assertThat(o.headers()).as(o.toString())
                    .anyMatch(x -> x.name().equalsIgnoreCase("Vary") && x.value().contains("Cookie"));
        }
        Outcome plain = kit.handle(TestRequest.get(APP + "/public/x"));
        assertThat(plain.cookies()).isEmpty();
        assertThat(plain.headers()).isEmpty();
    }
}
