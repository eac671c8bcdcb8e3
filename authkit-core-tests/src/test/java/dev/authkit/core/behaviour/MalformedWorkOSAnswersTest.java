package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.cookie;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.ApiKeyValidation;
import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WorkOS answers that are no WorkOS answer (a proxy's or captive portal's page, a truncated body, a
 * connection cut mid-answer or dropped) on every endpoint authkit calls: each is "WorkOS
 * unavailable" (503, the session kept), never an exception out of {@code handle()} (a 500 in the
 * container) and never a sign-out. The SDK throws Jackson's parse errors as undeclared checked
 * exceptions, which a {@code catch (RuntimeException)} lets through.
 */
class MalformedWorkOSAnswersTest extends BehaviourTest {
    static final ObjectMapper JSON = new ObjectMapper();

    AuthKit authKit;

    @BeforeEach
    void setUp() {
        authKit = h.authKit().middlewareAuth(true).unauthenticatedPaths("/").build();
    }

    /** Every answer here stands for "WorkOS did not answer as WorkOS": transient. */
    static Stream<Arguments> junk() {
        return Stream.of(
                Arguments.of("captive portal page", Failure.junkBody()),
                Arguments.of("HTML labelled JSON", Failure.notJson()),
                Arguments.of("empty JSON object", Failure.emptyJson()),
                Arguments.of("JSON null", Failure.body(200, "application/json", "null")),
                Arguments.of("JSON array", Failure.body(200, "application/json", "[1,2]")),
                Arguments.of("empty 200", Failure.body(200, "application/json", " ")),
                Arguments.of("truncated body", Failure.truncatedBody()),
                Arguments.of("cut mid-body", Failure.cutMidBody()),
                Arguments.of("dropped connection", Failure.dropConnection()),
                Arguments.of("HTML 502 from a gateway", Failure.body(502, "text/html", "<html>bad gateway</html>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junk")
    void codeExchange(String name, Failure failure) {
        Outcome.Redirect start = (Outcome.Redirect) authKit.handle(TestRequest.get(APP + "/auth/sign-in?returnTo=/account"));
        String callback = h.chooseUser(start.location(), h.user(DemoData.ALICE));
        fake.failNext(Endpoint.AUTHENTICATE, 1, failure);
        Outcome o = authKit.handle(TestRequest.get(callback).cookies(start.cookies()));
        assertThat(status(o)).as(name).isEqualTo(503);
        assertThat(cookie(o, "wos-session")).as("no session from junk").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junk")
    void refreshOnPageLoad(String name, Failure failure) {
        IssuedSession s = staleSession();
        fake.failNext(Endpoint.AUTHENTICATE, 1, failure);
        Outcome o = authKit.handle(withSession(TestRequest.get(APP + "/account").html(), s));
        assertThat(status(o)).as(name).isEqualTo(503);
        assertKept(o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junk")
    void refreshThroughTheJsonApi(String name, Failure failure) {
        IssuedSession s = staleSession();
        fake.failNext(Endpoint.AUTHENTICATE, 1, failure);
        Outcome o = authKit.handle(withSession(TestRequest.post(APP + "/auth/api/refresh").header("Origin", APP), s));
        assertThat(status(o)).as(name).isEqualTo(503);
        assertThat(body(o).get("transient").asBoolean()).isTrue();
        assertKept(o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junk")
    void organization(String name, Failure failure) {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.failNext(Endpoint.ORGANIZATION, 1, failure);
        Outcome o = authKit.handle(withSession(TestRequest.get(APP + "/auth/api/organization?organizationId=" + DemoData.ACME), s));
        assertThat(status(o)).as(name).isEqualTo(503);
        assertThat(body(o).get("organization").isNull()).isTrue();
        assertKept(o);
        // and the next answer is read normally
        Outcome again = authKit.handle(withSession(TestRequest.get(APP + "/auth/api/organization?organizationId=" + DemoData.ACME), s));
        assertThat(body(again).get("organization").get("id").asText()).isEqualTo(DemoData.ACME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junk")
    void apiKeyValidation(String name, Failure failure) {
        String key = fake.addApiKey(fake.organization(DemoData.ACME).orElseThrow(), "CI", "deployments:write");
        fake.failNext(Endpoint.API_KEY_VALIDATION, 1, failure);
        ApiKeyValidation v = authKit.validateApiKey(TestRequest.get(APP + "/api/deploy").header("Authorization", "Bearer " + key));
        if (name.equals("empty JSON object")) {
            // the SDK reads {} as {"api_key": null}, WorkOS's "no such key": refused, which fails closed
            assertThat(v).as(name).isNotInstanceOf(ApiKeyValidation.Valid.class);
        } else {
            assertThat(v).as(name).isInstanceOf(ApiKeyValidation.Unavailable.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junk")
    void keysForAFreshInstance(String name, Failure failure) {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.failNext(Endpoint.JWKS, 3, failure); // the first fetch and its retries
        AuthKit fresh = h.authKit().middlewareAuth(true).acceptBearerTokens(true).build(); // no keys cached yet
        Outcome o = fresh.handle(TestRequest.get(APP + "/api/posts").header("Authorization", "Bearer " + s.accessToken()));
        // unverifiable for now: refused or unavailable, never a crash; signed in only once the real
        // keys came (the JDK's HTTP client retries a GET on a dropped connection by itself)
        if (o instanceof Outcome.Continue c) {
            assertThat(c.auth().userId()).contains(DemoData.ALICE);
            assertThat(fake.requests(Endpoint.JWKS)).anyMatch(r -> r.status() == 200);
        } else {
            assertThat(status(o)).as(name).isIn(401, 503);
        }
    }

    /** WorkOS's own answer labelled text/plain: read as it is, or "unavailable"; never a 500, never a sign-out. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labelledWrongly")
    void aGoodAnswerUnderAnotherContentTypeIsReadOrUnavailable(String name, Endpoint endpoint) {
        IssuedSession s = endpoint == Endpoint.AUTHENTICATE ? staleSession() : fake.signIn(h.user(DemoData.ALICE));
        String key = fake.addApiKey(fake.organization(DemoData.ACME).orElseThrow(), "CI", "deployments:write");
        fake.failNext(endpoint, 1, Failure.wrongContentType());
        switch (endpoint) {
            case AUTHENTICATE -> {
                Outcome o = authKit.handle(withSession(TestRequest.post(APP + "/auth/api/refresh").header("Origin", APP), s));
                assertThat(status(o)).as(name).isIn(200, 503);
                assertKept(o);
            }
            case ORGANIZATION -> {
                Outcome o = authKit.handle(withSession(TestRequest.get(APP + "/auth/api/organization?organizationId="
                        + DemoData.ACME), s));
                assertThat(status(o)).as(name).isIn(200, 503);
                assertKept(o);
            }
            default -> assertThat(authKit.validateApiKey(TestRequest.get(APP + "/api/deploy")
                    .header("Authorization", "Bearer " + key))).as(name).isNotInstanceOf(ApiKeyValidation.Invalid.class);
        }
        assertThat(fake.requests(endpoint)).as("the endpoint was asked").isNotEmpty();
    }

    static Stream<Arguments> labelledWrongly() {
        return Stream.of(Arguments.of("authenticate as text/plain", Endpoint.AUTHENTICATE),
                Arguments.of("organization as text/plain", Endpoint.ORGANIZATION),
                Arguments.of("API key validation as text/plain", Endpoint.API_KEY_VALIDATION));
    }

    IssuedSession staleSession() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.clock().advance(Duration.ofMinutes(6));
        return s;
    }

    static void assertKept(Outcome o) {
        List<SetCookie> deletions = o.cookies().stream().filter(SetCookie::isDeletion).toList();
        assertThat(deletions).as("a transient failure signs no one out").isEmpty();
    }

    static int status(Outcome o) {
        if (o instanceof Outcome.Respond r) {
            return r.status();
        }
        return o instanceof Outcome.Redirect r ? r.status() : 200;
    }

    static JsonNode body(Outcome o) {
        try {
            return JSON.readTree(((Outcome.Respond) o).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
