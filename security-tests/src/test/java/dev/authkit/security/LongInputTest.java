package dev.authkit.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.FakeWorkOS;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Long inputs and planted cookies on Tomcat with its defaults, whose 8 KiB response-header limit
 * turns an oversized header into a 500: long protected paths and return paths, a 7,000-character
 * login hint, a hundred planted verifier cookies, and all of them at once. Every answer is below
 * 500, its header block below 8 KiB, and any answer that sets a cookie is no-store and varies on
 * Cookie.
 */
class LongInputTest {
    static final int EIGHT_KIB = 8 * 1024;
    static FakeWorkOS fake;
    static Target.Running tomcat;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        tomcat = Target.TOMCAT_DEFAULTS.start(Hostile.authKit(fake));
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.close();
        fake.close();
    }

    static String verifierCookies(int n) {
        StringBuilder b = new StringBuilder("Cookie: wos-session=garbage; workos-access-token=x");
        for (int i = 0; i < n; i++) {
            b.append(String.format("; wos-auth-verifier-%08x=%s", i, "v".repeat(8)));
        }
        return b.toString();
    }

    @Test
    void longInputsAndPlantedCookiesStayInsideTheLimits() {
        String euro = "%E2%82%AC";
        Map<String, RawHttp.Response> answers = new LinkedHashMap<>();
        try (RawHttp http = new RawHttp(tomcat.port())) {
            answers.put("protected path of 2,500", http.get("/admin/" + "a".repeat(2500), "Accept: text/html"));
            answers.put("protected path of 7,000", http.get("/admin/" + "a".repeat(7000), "Accept: text/html"));
            answers.put("sign-in returnTo of 2,500", http.get("/auth/sign-in?returnTo=/" + "b".repeat(2500), "Accept: text/html"));
            answers.put("api returnTo of 2,500", http.get("/auth/api/auth?ensureSignedIn=true&returnTo=/" + "c".repeat(2500)));
            answers.put("loginHint of 7,000", http.get("/auth/sign-in?loginHint=" + "h".repeat(7000), "Accept: text/html"));
            answers.put("loginHint of 800 euro signs", http.get("/auth/sign-in?loginHint=" + euro.repeat(800), "Accept: text/html"));
            answers.put("100 verifier cookies", http.get("/admin/x", "Accept: text/html", verifierCookies(100)));
            answers.put("sign-out returnTo of 7,000", http.send("POST", "/auth/sign-out?returnTo=/" + "d".repeat(7000),
                    "Origin: http://127.0.0.1:" + tomcat.port()));
            // the largest inputs that are still kept, together, with planted cookies
            answers.put("everything at once", http.get("/auth/sign-in?returnTo=/" + "%22".repeat(330) + "&loginHint="
                    + euro.repeat(85) + "&organizationId=" + "%C3%A9".repeat(32), "Accept: text/html", verifierCookies(100)));
            answers.put("protected path at the cap, planted cookies", http.get("/admin/" + "a".repeat(1010),
                    "Accept: text/html", verifierCookies(100)));
        }
        int largest = 0;
        List<String> failures = new ArrayList<>();
        for (var e : answers.entrySet()) {
            RawHttp.Response r = e.getValue();
            largest = Math.max(largest, r.headBytes());
            if (r.status() >= 500 || r.headBytes() >= EIGHT_KIB) {
                failures.add(e.getKey() + ": " + r.status() + ", " + r.headBytes() + " header bytes");
            }
            if (!r.headers("Set-Cookie").isEmpty() && (r.headers("Cache-Control").stream().noneMatch(v -> v.contains("no-store"))
                    || r.headers("Vary").stream().noneMatch(v -> v.contains("Cookie")))) {
                failures.add(e.getKey() + ": sets a cookie without no-store and Vary: Cookie");
            }
            long deletions = r.headers("Set-Cookie").stream().filter(c -> c.contains("Max-Age=0")).count();
            if (deletions > 8) {
                failures.add(e.getKey() + ": " + deletions + " cookie deletions in one response");
            }
            System.out.printf("LongInputTest %s: %d, %d header bytes, %d Set-Cookie%n", e.getKey(), r.status(), r.headBytes(),
                    r.headers("Set-Cookie").size());
        }
        System.out.printf("LongInputTest: largest response header block %d bytes (Tomcat's limit %d)%n", largest, EIGHT_KIB);
        assertThat(failures).isEmpty();
        assertThat(answers.get("protected path of 2,500").status()).isEqualTo(307);
        assertThat(answers.get("sign-in returnTo of 2,500").status()).isEqualTo(307);
        assertThat(answers.get("api returnTo of 2,500").status()).isEqualTo(200);
        assertThat(answers.get("api returnTo of 2,500").body()).contains("signInUrl");
        assertThat(answers.get("loginHint of 7,000").header("Location").orElseThrow()).doesNotContain("login_hint");
    }

    @Test
    void aRedirectThatSetsTheVerifierCookieIsNotCacheable() {
        try (RawHttp http = new RawHttp(tomcat.port())) {
            RawHttp.Response r = http.get("/admin/x", "Accept: text/html");
            assertThat(r.status()).isEqualTo(307);
            assertThat(r.headers("Set-Cookie")).anyMatch(c -> c.startsWith("wos-auth-verifier-"));
            assertThat(r.headers("Cache-Control")).anyMatch(v -> v.contains("no-store") && v.contains("private"));
            assertThat(r.headers("Vary")).anyMatch(v -> v.contains("Cookie"));
        }
    }
}
