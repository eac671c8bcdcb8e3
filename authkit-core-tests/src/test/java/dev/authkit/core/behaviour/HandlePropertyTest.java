package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.IssuedSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link AuthKit#handle} over {@value #REQUESTS} random requests (methods, raw URLs, header sets,
 * cookie sets, the query parameters of every built-in and JSON route): it never throws, never
 * answers 5xx, never fails inside (its safety net never answers), keeps every response's headers
 * under 8 KiB, marks every response with a cookie {@code no-store} and {@code Vary: Cookie}, and
 * signs in only a request that carried a valid session or bearer token. The requests are built in
 * process against an AuthKit wired to a FakeWorkOS (the few that reach WorkOS go over HTTP).
 * The core reads no request body, so the JSON routes' inputs are their query parameters.
 * Reproduce a failure with {@code -Dauthkit.property.seed=N}.
 */
class HandlePropertyTest extends BehaviourTest {
    static final int REQUESTS = 100_000;
    static final String NO_STORE = "private, no-cache, no-store, must-revalidate, max-age=0";
    static final String SAFETY_NET_BODY = "{\"error\":\"request_not_processed\"}";

    static final String[] METHODS = {"GET", "GET", "GET", "HEAD", "POST", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
        "TRACE", "CONNECT", "get", "Post", "", "G\u0000T", "PROPFIND"};
    static final String[] ORIGINS = {"http://app.test", "https://app.test", "http://app.test:8080", "https://[::1]:8443",
        "http://user:pw@app.test", "HTTP://APP.TEST", "http://", "", "app.test", "http://evil.test", "https://app.test:99999",
        "http://a\u0000b", "ftp://app.test"};
    static final String[] ROUTES = {"/", "/admin", "/admin/x", "/public", "/public/x", "/callback", "/auth/sign-in",
        "/auth/sign-up", "/auth/sign-out", "/auth/api", "/auth/api/", "/auth/api/session", "/auth/api/auth",
        "/auth/api/refresh", "/auth/api/switch-organization", "/auth/api/organization", "/auth/api/access-token",
        "/auth/api/access-token/refresh", "/auth/api/sign-out", "/auth/api/nope", "/join"};
    static final String[] SEGMENTS = {"admin", "public", "x", "..", ".", "%2e%2e", "%2E", ".%2e", "%2f", "%2F", "%5c",
        "\\", "", ";", ";jsessionid=1", "..;", "%00", "%0a", "%", "%zz", "%C3%A9", "é", "%FF", "%C0%AF", "%252e", "%3b",
        "a b", "\t", "\u2028", "?", "#", "auth", "api", "sign-in", "callback", "%E2%80%A8", "*", "~", "@", ":"};
    static final String[] PARAMS = {"returnTo", "loginHint", "organizationId", "code", "state", "ensureSignedIn",
        "error", "redirect", "", "returnTo", "returnTo"};
    static final String[] VALUES = {"/", "/admin", "//evil.test", "/\\evil.test", "https://evil.test/x", "javascript:alert(1)",
        "true", "false", "org_123", DemoData.ACME, "alice@example.com", "%", "%zz", "%00", "%0d%0aSet-Cookie:x=y",
        "\u0000", "é", "%E2%82%AC", "", "=", "&", "+", "null", "[]", "{}", "\"", "<script>"};
    static final String[] ACCEPT = {"text/html", "application/json", "*/*", "text/html,application/xhtml+xml", "",
        "TEXT/HTML;q=0.1", "image/*"};
    static final String[] COOKIE_NAMES = {"wos-session", "wos-session", "wos-auth-verifier", "wos-auth-verifier-00000000",
        "workos-access-token", "other", "", "wos-session ", " wos-session", "WOS-SESSION", "wos-auth-verifier-zz"};
    static final String[] COOKIE_VALUES = {"", "x", "Fe26.2*1*a*b*c*d*e*f~2", "Fe26.2**", "\"\"", "\"Fe26.2\"", "%",
        "%zz", "%E2%82", "a=b", "Fe26.2*2*" + "A".repeat(64) + "*" + "B".repeat(22) + "*" + "C".repeat(100) + "**"
        + "D".repeat(64) + "*" + "E".repeat(43) + "~2", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyXzEifQ."};

    /** A request as an adapter would hand it over; headers by case-insensitive name. */
    record RandomRequest(String method, String url, Map<String, List<String>> headerMap, boolean credentialed)
            implements AuthKitRequest {
        @Override
        public List<String> headers(String name) {
            return headerMap.getOrDefault(name, List.of());
        }
    }

    @Test
    void handleNeverFailsOnRandomRequests() {
        long seed = Long.getLong("authkit.property.seed", 20_261_129L);
        SplittableRandom random = new SplittableRandom(seed);
        AuthKit guarded = h.authKit().middlewareAuth(true).unauthenticatedPaths("/", "/public/:path*")
                .signUpPaths("/join").eagerAuth(true).build();
        AuthKit api = h.authKit().acceptBearerTokens(true).build();
        List<IssuedSession> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(fake.signIn(h.user(i % 2 == 0 ? DemoData.ALICE : DemoData.BOB)));
        }
        List<String> validCookies = sessions.stream().map(s -> s.cookieValue(PASSWORD)).toList();
        int signedIn = 0;
        int redirects = 0;
        int[] statuses = new int[600];
        int maxHeaderBytes = 0;
        long start = System.nanoTime();
        long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (int n = 0; n < REQUESTS; n++) {
            RandomRequest request = request(random, validCookies, sessions);
            AuthKit kit = random.nextInt(4) == 0 ? api : guarded;
            Outcome o;
            try {
                o = kit.handle(request);
            } catch (RuntimeException e) {
                throw new AssertionError("request " + n + " (seed " + seed + ") threw: " + request, e);
            }
            String where = "request " + n + " (seed " + seed + "): " + request;
            assertThat(o).as(where).isNotNull();
            if (o instanceof Outcome.Respond r) {
                statuses[r.status()]++;
                if (r.status() >= 500 || r.body().equals(SAFETY_NET_BODY)) {
                    fail(where + " answered " + r.status() + " " + r.body());
                }
            } else if (o instanceof Outcome.Redirect r) {
                redirects++;
                assertThat(r.status()).as(where).isIn(302, 303, 307);
            } else if (((Outcome.Continue) o).auth().isSignedIn()) {
                signedIn++;
                assertThat(request.credentialed()).as(where + " signed in without credentials").isTrue();
            }
            int bytes = headerBytes(o);
            maxHeaderBytes = Math.max(maxHeaderBytes, bytes);
            assertThat(bytes).as(where).isLessThan(8 * 1024);
            if (!o.cookies().isEmpty()) {
                assertThat(o.headers()).as(where).contains(new Header("Cache-Control", NO_STORE))
                        .anyMatch(x -> x.name().equals("Vary") && x.value().contains("Cookie"));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        System.out.printf("HandlePropertyTest: %d requests in %d ms (%d ms CPU, seed %d): %d redirects, %d signed in, "
                + "400s %d, 401s %d, 403s %d, 404s %d, 405s %d; largest response headers %d bytes%n", REQUESTS, millis, cpuMillis, seed,
                redirects, signedIn, statuses[400], statuses[401], statuses[403], statuses[404], statuses[405], maxHeaderBytes);
        assertThat(signedIn).as("the generator reaches signed-in requests too").isPositive();
        assertThat(redirects).as("and sign-in redirects").isPositive();
    }

    static int headerBytes(Outcome o) {
        int total = 0;
        for (Header h : o.headers()) {
            total += h.name().length() + 4 + h.value().getBytes(StandardCharsets.UTF_8).length;
        }
        for (SetCookie c : o.cookies()) {
            total += "Set-Cookie: \r\n".length() + c.headerValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (o instanceof Outcome.Redirect r) {
            total += "Location: \r\n".length() + r.location().getBytes(StandardCharsets.UTF_8).length;
        }
        return total;
    }

    static RandomRequest request(SplittableRandom r, List<String> validCookies, List<IssuedSession> sessions) {
        StringBuilder url = new StringBuilder(pick(r, ORIGINS));
        if (r.nextInt(3) == 0) {
            int n = 1 + r.nextInt(6);
            for (int i = 0; i < n; i++) {
                url.append('/').append(pick(r, SEGMENTS));
            }
        } else {
            url.append(pick(r, ROUTES));
        }
        if (r.nextInt(20) == 0) {
            url.append('/').append(junk(r, 1 + r.nextInt(9000)));
        }
        if (r.nextBoolean()) {
            int n = 1 + r.nextInt(4);
            url.append('?');
            for (int i = 0; i < n; i++) {
                url.append(i == 0 ? "" : "&").append(pick(r, PARAMS)).append('=')
                        .append(r.nextInt(15) == 0 ? junk(r, 1 + r.nextInt(8000)) : pick(r, VALUES));
            }
        }
        if (r.nextInt(30) == 0) {
            url.append('#').append(pick(r, VALUES));
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (r.nextInt(3) > 0) {
            add(headers, "Accept", pick(r, ACCEPT));
        }
        if (r.nextInt(4) == 0) {
            add(headers, "Origin", r.nextBoolean() ? "http://app.test" : pick(r, ORIGINS));
        }
        if (r.nextInt(4) == 0) {
            add(headers, "X-AuthKit-Request", "1");
        }
        if (r.nextInt(10) == 0) {
            add(headers, pick(r, new String[] {"RSC", "Purpose", "Sec-Purpose", "Next-Router-Prefetch", "x-workos-session"}),
                    pick(r, new String[] {"1", "prefetch", "", "\u0000"}));
        }
        boolean credentialed = false;
        if (r.nextInt(8) == 0) {
            String token;
            int kind = r.nextInt(5);
            if (kind == 0) {
                token = sessions.get(r.nextInt(sessions.size())).accessToken();
                credentialed = true;
            } else if (kind == 1) {
                String valid = sessions.get(r.nextInt(sessions.size())).accessToken();
                token = valid + pick(r, new String[] {"A", "==", ".", "x"});
            } else {
                token = junk(r, r.nextInt(200));
            }
            add(headers, "Authorization", pick(r, new String[] {"Bearer ", "bearer ", "Bearer", "Basic ", "Bearer  "}) + token);
        }
        int cookies = r.nextInt(4) == 0 ? 0 : r.nextInt(6);
        StringBuilder cookie = new StringBuilder();
        for (int i = 0; i < cookies; i++) {
            String name;
            String value;
            int kind = r.nextInt(40);
            if (kind == 0) {
                name = "wos-session";
                value = validCookies.get(r.nextInt(validCookies.size()));
            } else if (kind == 1) {
                name = "wos-session";
                String v = validCookies.get(r.nextInt(validCookies.size()));
                int at = 10 + r.nextInt(v.length() - 12);
                char swapped = v.charAt(at) == 'A' ? 'B' : 'A';
                value = v.substring(0, at) + swapped + v.substring(at + 1);
            } else if (kind == 2) {
                name = "wos-auth-verifier-" + Integer.toHexString(r.nextInt());
                value = junk(r, r.nextInt(40));
            } else if (kind == 3) {
                for (int k = 0; k < 60; k++) {
                    cookie.append(String.format("wos-auth-verifier-%08x=v; ", r.nextInt()));
                }
                name = "other";
                value = "1";
            } else {
                name = pick(r, COOKIE_NAMES);
                value = r.nextInt(40) == 0 ? junk(r, r.nextInt(5000)) : pick(r, COOKIE_VALUES);
            }
            cookie.append(name).append('=').append(value).append(pick(r, new String[] {"; ", ";", " ;", ";;"}));
        }
        if (cookie.length() > 0 || r.nextInt(20) == 0) {
            add(headers, "Cookie", cookie.toString());
            if (r.nextInt(10) == 0) {
                add(headers, "Cookie", "wos-session=" + pick(r, COOKIE_VALUES));
            }
        }
        credentialed |= startsWithValidSession(cookie.toString(), validCookies);
        return new RandomRequest(pick(r, METHODS), url.toString(), headers, credentialed);
    }

    /** Whether the first {@code wos-session} of the header is one of the valid cookies (the first one wins). */
    static boolean startsWithValidSession(String cookieHeader, List<String> validCookies) {
        int at = cookieHeader.indexOf("wos-session=");
        if (at < 0) {
            return false;
        }
        String rest = cookieHeader.substring(at + "wos-session=".length());
        return validCookies.stream().anyMatch(rest::startsWith);
    }

    static void add(Map<String, List<String>> headers, String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    /** Random characters weighted towards the troublesome ones. */
    static String junk(SplittableRandom r, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = r.nextInt(10);
            if (kind < 6) {
                b.append((char) ('a' + r.nextInt(26)));
            } else if (kind == 6) {
                String special = "%/.;\\\"=&?#+ ,";
                b.append(special.charAt(r.nextInt(special.length())));
            } else if (kind == 7) {
                b.append((char) r.nextInt(0x20));
            } else if (kind == 8) {
                b.append((char) (0x80 + r.nextInt(0x2000)));
            } else {
                b.append(Character.toChars(0x1F600 + r.nextInt(50)));
            }
        }
        return b.toString();
    }
}
