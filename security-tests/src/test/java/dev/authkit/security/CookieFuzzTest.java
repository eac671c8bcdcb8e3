package dev.authkit.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.CookieSealer;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fuzzed {@code Cookie} headers ({@value #PER_TARGET} per target, over {@code 10,000} in all) sent
 * to a public page of each default container: mutated, truncated, spliced and foreign session
 * cookies, seals of forged content, junk, planted verifier cookies, a forged cookie ahead of a
 * valid one. None answers 5xx and none is signed in; an unmutated cookie is (the control).
 */
class CookieFuzzTest {
    static final int PER_TARGET = 3_400;
    static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static FakeWorkOS fake;
    static List<String> valid = new ArrayList<>();
    static String foreign;
    static List<String> forged = new ArrayList<>();

    @BeforeAll
    static void start() {
        fake = FakeWorkOS.builder().withDemoData().start();
        for (String user : List.of(DemoData.ALICE, DemoData.BOB)) {
            IssuedSession s = fake.signIn(fake.user(user).orElseThrow());
            valid.add(s.cookieValue(Hostile.PASSWORD));
            if (foreign == null) {
                foreign = CookieSealer.iron("some-other-application-password-0123456789")
                        .sealSession(s.toSession());
                // sealed with the right password (as if it leaked) around tokens WorkOS never issued
                CookieSealer right = CookieSealer.iron(Hostile.PASSWORD);
                String user1 = s.user().id();
                var json = new com.fasterxml.jackson.databind.ObjectMapper();
                var none = json.createObjectNode().put("accessToken", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyIn0.")
                        .put("refreshToken", "rt_x");
                none.putObject("user").put("id", user1).put("email", "a@b.c").put("object", "user");
                forged.add(right.seal(none.toString(), Duration.ZERO));
                var tampered = json.createObjectNode().put("accessToken", s.accessToken() + "x").put("refreshToken", "rt_forged");
                tampered.putObject("user").put("id", user1).put("email", "a@b.c");
                forged.add(right.seal(tampered.toString(), Duration.ZERO));
                forged.add(right.seal("[1,2,3]", Duration.ZERO));
                forged.add(right.seal("{}", Duration.ZERO));
            }
        }
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"TOMCAT_DEFAULTS", "JETTY_DEFAULTS", "JERSEY_GRIZZLY"})
    void fuzzedCookiesNeverSignInAndNeverFail(Target target) throws Exception {
        SplittableRandom random = new SplittableRandom(target.ordinal() * 7919L + 2026);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try (Target.Running server = target.start(Hostile.authKit(fake)); RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response control = http.get("/public/whoami", "Cookie: wos-session=" + valid.get(0));
            assertThat(control.body()).as("the control cookie signs in").isEqualTo("public " + DemoData.ALICE);
            for (int i = 0; i < PER_TARGET; i++) {
                String cookie = fuzz(random);
                RawHttp.Response r = http.get("/public/whoami?n=" + i, "Cookie: " + cookie, "Accept: text/html");
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() >= 500 || (r.status() == 200 && !r.body().equals("public signed-out"))) {
                    failures.add("#" + i + ": " + r.status() + " " + r.body() + " for " + cookie.substring(0, Math.min(300, cookie.length())));
                }
            }
        }
        System.out.printf("CookieFuzzTest %s: %d fuzzed Cookie headers, statuses %s%n", target, PER_TARGET, statuses);
        assertThat(failures).as(target.toString()).isEmpty();
    }

    /** One fuzzed Cookie header; every one must leave the request signed out. */
    static String fuzz(SplittableRandom r) {
        String v = valid.get(r.nextInt(valid.size()));
        int sealEnd = v.lastIndexOf('~');
        switch (r.nextInt(14)) {
            case 0: { // one character of the seal changed
                int at = r.nextInt(sealEnd);
                char c = B64.charAt(r.nextInt(B64.length()));
                // never a change of letter case alone: Jetty's per-connection header cache matches
                // header values case-insensitively and hands the application the earlier header
                // (seen with Jetty 12.1.14; see README, Security), which would "sign in" a mutation
                // that differs from a cookie sent earlier on the connection only in case
                if (Character.toLowerCase(c) == Character.toLowerCase(v.charAt(at))) {
                    c = Character.toLowerCase(c) == 'a' ? '0' : 'a';
                }
                return "wos-session=" + v.substring(0, at) + c + v.substring(at + 1);
            }
            case 1: // truncated
                return "wos-session=" + v.substring(0, r.nextInt(sealEnd));
            case 2: { // characters inserted
                int at = r.nextInt(sealEnd);
                return "wos-session=" + v.substring(0, at) + junk(r, 1 + r.nextInt(8), B64) + v.substring(at);
            }
            case 3: { // two fields swapped
                String[] parts = v.substring(0, sealEnd).split("\\*", -1);
                int a = 1 + r.nextInt(parts.length - 1);
                int b = 1 + r.nextInt(parts.length - 1);
                if (a == b) {
                    b = a == 1 ? 2 : 1;
                }
                String t = parts[a];
                parts[a] = parts[b];
                parts[b] = t;
                return "wos-session=" + String.join("*", parts) + v.substring(sealEnd);
            }
            case 4: { // one field replaced
                String[] parts = v.substring(0, sealEnd).split("\\*", -1);
                int a = 1 + r.nextInt(parts.length - 1);
                String replaced = junk(r, r.nextInt(parts[a].length() + 2), B64);
                parts[a] = replaced.equals(parts[a]) ? replaced + "A" : replaced;
                return "wos-session=" + String.join("*", parts) + v.substring(sealEnd);
            }
            case 5:
                return "wos-session=" + foreign;
            case 6:
                return "wos-session=" + forged(r);
            case 7:
                return "wos-session=" + junk(r, r.nextInt(3000), PRINTABLE);
            case 8:
                return "wos-session=" + junk(r, r.nextInt(200), "äöü€😀\u00a0\u2028" + B64);
            case 9: { // many cookies, a planted verifier among them
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < 20 + r.nextInt(60); k++) {
                    b.append(k == 0 ? "" : "; ").append(r.nextBoolean() ? String.format("wos-auth-verifier-%08x", r.nextInt())
                            : junk(r, 1 + r.nextInt(12), B64)).append('=').append(junk(r, r.nextInt(40), B64));
                }
                return b.toString();
            }
            case 10: // a forged cookie ahead of a valid one: the first wins, as in browsers
                return "wos-session=" + forged(r) + "; wos-session=" + v;
            case 11: // separators and quoting
                return junk(r, 1 + r.nextInt(50), ";=\" ,wos-session" + B64);
            case 12: // Iron-shaped, random fields
                return "wos-session=Fe26.2*" + junk(r, 1, "12") + "*" + junk(r, 64, "0123456789abcdef") + "*"
                        + junk(r, 22, B64) + "*" + junk(r, 16 * (1 + r.nextInt(20)), B64) + "**" + junk(r, 64, "0123456789abcdef")
                        + "*" + junk(r, 43, B64) + "~2";
            default: // the session under other names, and the eager access-token cookie (names differing only in
                // case are left out: Jetty 12.1 may hand the application a header it cached for an earlier request
                // on the connection when the two differ only in case)
                return "wos-session_=" + v + "; session=" + v + "; workos-access-token=" + junk(r, 80, B64);
        }
    }

    /**
     * A forged seal; the first two make authkit try their refresh token at WorkOS (an HTTP call,
     * answered {@code invalid_grant}), so they come up one time in ten to keep the suite fast.
     */
    static String forged(SplittableRandom r) {
        return forged.get(r.nextInt(10) == 0 ? r.nextInt(2) : 2 + r.nextInt(forged.size() - 2));
    }

    static final String PRINTABLE;

    static {
        StringBuilder b = new StringBuilder();
        for (char c = 0x20; c < 0x7F; c++) {
            b.append(c);
        }
        PRINTABLE = b.toString();
    }

    static String junk(SplittableRandom r, int length, String alphabet) {
        StringBuilder b = new StringBuilder(length);
        int[] cps = alphabet.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            b.appendCodePoint(cps[r.nextInt(cps.length)]);
        }
        return b.toString();
    }
}
