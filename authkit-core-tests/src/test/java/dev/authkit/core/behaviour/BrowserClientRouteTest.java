package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.Routes;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** {@code GET /auth/client.js} and {@code /auth/client.d.ts}: served by the core's routes, cacheable, before any session work. */
class BrowserClientRouteTest extends BehaviourTest {

    static Outcome.Respond respond(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Respond.class);
        return (Outcome.Respond) o;
    }

    static Optional<String> header(Outcome o, String name) {
        return o.headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    @Test
    void theModuleIsServedWithItsTypeAnETagAndTheApiPrefix() {
        AuthKit authKit = h.authKit().middlewareAuth(true).build();
        Outcome.Respond js = respond(authKit.handle(TestRequest.get(APP + "/auth/client.js")));
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("export async function getAuth(", "export function getAccessToken(",
                "export async function refresh(", "export async function switchOrganization(", "export async function signOut(",
                "export function onChange(", "customElements.define(\"authkit-impersonation\"", "const API_REF = \"./api\";");
        assertThat(header(js, "ETag")).hasValueSatisfying(e -> assertThat(e).matches("\"[A-Za-z0-9_-]{22}\""));
        assertThat(header(js, "Cache-Control")).contains("public, no-cache");
        assertThat(header(js, "X-Content-Type-Options")).contains("nosniff");
        assertThat(js.cookies()).isEmpty();

        Outcome.Respond types = respond(authKit.handle(TestRequest.get(APP + "/auth/client.d.ts")));
        assertThat(types.status()).isEqualTo(200);
        assertThat(types.contentType()).isEqualTo("application/typescript; charset=utf-8");
        assertThat(types.body()).contains("export function getAccessToken(): Promise<string>;", "\"authkit-impersonation\"");
        assertThat(header(types, "ETag")).isNotEqualTo(header(js, "ETag"));

        assertThat(respond(authKit.handle(TestRequest.post(APP + "/auth/client.js"))).status()).isEqualTo(405);
        assertThat(respond(authKit.handle(TestRequest.get(APP + "/auth/client.js").method("HEAD"))).status()).isEqualTo(200);
    }

    @Test
    void aMatchingIfNoneMatchAnswers304AndTheHashedUrlIsImmutable() {
        AuthKit authKit = h.authKit().build();
        String etag = authKit.browserClient().etag();
        for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            Outcome.Respond r = respond(authKit.handle(TestRequest.get(APP + "/auth/client.js").header("If-None-Match", ifNoneMatch)));
            assertThat(r.status()).as(ifNoneMatch).isEqualTo(304);
            assertThat(r.body()).isEmpty();
            assertThat(header(r, "ETag")).contains(etag);
        }
        assertThat(respond(authKit.handle(TestRequest.get(APP + "/auth/client.js").header("If-None-Match", "\"stale\""))).status())
                .isEqualTo(200);

        String url = authKit.browserClient().scriptUrl().orElseThrow();
        assertThat(url).isEqualTo("/auth/client.js?v=" + etag.substring(1, etag.length() - 1));
        Outcome hashed = authKit.handle(TestRequest.get(APP + url));
        assertThat(header(hashed, "Cache-Control")).contains("public, max-age=31536000, immutable");
        Outcome otherVersion = authKit.handle(TestRequest.get(APP + "/auth/client.js?v=old"));
        assertThat(header(otherVersion, "Cache-Control")).contains("public, no-cache");
    }

    @Test
    void theHashedUrlCanBeHadUnderAContextPath() {
        AuthKit authKit = h.authKit().build();
        String url = authKit.browserClient().scriptUrl().orElseThrow();
        for (String base : new String[] {"/shop", "/shop/", "shop", "//shop"}) {
            assertThat(authKit.browserClient().scriptUrl(base)).as(base).contains("/shop" + url);
        }
        for (String root : new String[] {"", "/", null}) {
            assertThat(authKit.browserClient().scriptUrl(root)).contains(url);
        }
        TestRequest plain = TestRequest.get("http://app.test/shop/page");
        dev.authkit.core.AuthKitRequest underShop = new dev.authkit.core.AuthKitRequest() {
            @Override
            public String method() {
                return plain.method();
            }

            @Override
            public String url() {
                return plain.url();
            }

            @Override
            public java.util.List<String> headers(String name) {
                return plain.headers(name);
            }

            @Override
            public String contextPath() {
                return "/shop";
            }
        };
        assertThat(authKit.browserClient().scriptUrl(underShop)).contains("/shop" + url);
        assertThat(authKit.browserClient().scriptUrl(plain)).contains(url);
        assertThat(h.authKit().routes(Routes.defaults().withoutClient()).build().browserClient().scriptUrl("/shop")).isEmpty();
    }

    @Test
    void servingItDoesNoSessionWork() {
        AuthKit authKit = h.authKit().middlewareAuth(true).eagerAuth(true).build();
        var session = fake.signIn(h.user(DemoData.ALICE));
        fake.clock().advance(Duration.ofMinutes(10)); // the session's token is stale: any session work would refresh it
        Outcome r = authKit.handle(withSession(TestRequest.get(APP + "/auth/client.js").html(), session));
        assertThat(respond(r).status()).isEqualTo(200);
        assertThat(r.cookies()).isEmpty();
        assertThat(header(r, "Vary")).isEmpty();
        assertThat(fake.refreshCalls()).isZero();
        assertThat(fake.requests(Endpoint.JWKS)).isEmpty();
        Outcome garbage = authKit.handle(TestRequest.get(APP + "/auth/client.js").cookie("wos-session", "garbage~2"));
        assertThat(respond(garbage).status()).isEqualTo(200);
        assertThat(garbage.cookies()).isEmpty();
    }

    @Test
    void theRoutesFollowTheConfiguredPaths() {
        AuthKit moved = h.authKit().routes(Routes.defaults().withApi("/session-api").withClient("/static/authkit.js")).build();
        assertThat(respond(moved.handle(TestRequest.get(APP + "/static/authkit.js"))).body())
                .contains("const API_REF = \"../session-api\";");
        assertThat(respond(moved.handle(TestRequest.get(APP + "/static/authkit.d.ts"))).status()).isEqualTo(200);
        assertThat(moved.handle(TestRequest.get(APP + "/auth/client.js"))).isInstanceOf(Outcome.Continue.class);

        AuthKit without = h.authKit().routes(Routes.defaults().withoutClient()).build();
        assertThat(without.handle(TestRequest.get(APP + "/auth/client.js"))).isInstanceOf(Outcome.Continue.class);
        assertThat(without.browserClient().scriptUrl()).isEmpty();
        assertThat(h.authKit().routes(Routes.none()).build().handle(TestRequest.get(APP + "/auth/client.d.ts")))
                .isInstanceOf(Outcome.Continue.class);
    }

    @Test
    void theJarCarriesBothFilesAndTheModuleIsSmall() throws IOException {
        byte[] js;
        try (InputStream in = AuthKit.class.getResourceAsStream("/dev/authkit/core/client/client.js");
             InputStream types = AuthKit.class.getResourceAsStream("/dev/authkit/core/client/client.d.ts")) {
            assertThat(in).isNotNull();
            assertThat(types).isNotNull();
            js = in.readAllBytes();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(js);
        }
        // the budget: a page pays for the client in one small response
        assertThat(gz.size()).as("gzipped size of client.js").isLessThan(6 * 1024);
        assertThat(new String(js, StandardCharsets.UTF_8)).doesNotContain("import ").doesNotContain("require(");
    }
}
