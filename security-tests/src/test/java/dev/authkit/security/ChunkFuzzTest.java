package dev.authkit.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.LargeOrganization;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile chunked session cookies ({@code wos-session.0}, {@code .1}, ...) sent to a public page of
 * each default container: chunks reordered, missing, mutated, from another session, with a wrong
 * count, 50 chunks, odd index spellings, forged compact payloads sealed with the right password (a
 * deflate bomb among them). None signs in, none answers 5xx, no response header section reaches
 * 8 KiB; the unmodified chunks of a 400-permission session do sign in (the control).
 */
class ChunkFuzzTest {
    static final int PER_TARGET = 600;
    static final String B64 = CookieFuzzTest.B64;
    static FakeWorkOS fake;
    /** The chunk values of two sessions of different users. */
    static final List<List<String>> sessions = new ArrayList<>();
    static final List<String> userIds = new ArrayList<>();
    static final List<String> forged = new ArrayList<>();

    record AnyRequest() implements AuthKitRequest {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String url() {
            return "http://127.0.0.1/";
        }

        @Override
        public List<String> headers(String name) {
            return List.of();
        }
    }

    @BeforeAll
    static void start() {
        fake = FakeWorkOS.builder().withDemoData().start();
        AuthKit kit = Hostile.authKit(fake);
        for (String email : List.of("dana@example.com", "eve@example.com")) {
            LargeOrganization.Seeded big = LargeOrganization.seed(fake, email, 400, 60, 40);
            List<SetCookie> cookies = kit.sessions().saveSessionCookies(new AnyRequest(),
                    fake.signIn(big.user(), big.large()).toSession());
            assertThat(cookies).extracting(SetCookie::name).containsExactly("wos-session.0", "wos-session.1");
            sessions.add(cookies.stream().map(SetCookie::value).toList());
            userIds.add(big.user().id());
        }
        CookieSealer right = CookieSealer.iron(Hostile.PASSWORD);
        forged.add(right.seal("{\"z\":\"" + deflated(new byte[4 * 1024 * 1024]) + "\"}", Duration.ZERO)); // 4 MB of zeros
        forged.add(right.seal("{\"z\":\"" + deflated("{\"accessTokenParts\":[1,2]}".getBytes()) + "\"}", Duration.ZERO));
        forged.add(right.seal("{\"z\":\"not base64 at all!\"}", Duration.ZERO));
        forged.add(right.seal("{\"z\":\"" + deflated("[]".getBytes()) + "\"}", Duration.ZERO));
        forged.add(right.seal("{\"authkitSessionRef\":\"abc\"}", Duration.ZERO));
        forged.add(right.seal("{\"storeId\":\"abc\",\"z\":\"\"}", Duration.ZERO));
    }

    static String deflated(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"TOMCAT_DEFAULTS", "JETTY_DEFAULTS", "JERSEY_GRIZZLY"})
    void hostileChunksNeverSignInNeverFailAndNeverGrowAHeaderPast8KiB(Target target) throws Exception {
        SplittableRandom random = new SplittableRandom(target.ordinal() * 104729L + 19);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int largestHead = 0;
        try (Target.Running server = target.start(Hostile.authKit(fake)); RawHttp http = new RawHttp(server.port())) {
            for (int s = 0; s < sessions.size(); s++) {
                RawHttp.Response control = http.get("/public/whoami", "Cookie: " + chunks(sessions.get(s)));
                assertThat(control.body()).as("the control chunks sign in").isEqualTo("public " + userIds.get(s));
            }
            for (int i = 0; i < PER_TARGET; i++) {
                String cookie = fuzz(random);
                RawHttp.Response r = http.get("/public/whoami?n=" + i, "Cookie: " + cookie, "Accept: text/html");
                statuses.merge(r.status(), 1, Integer::sum);
                largestHead = Math.max(largestHead, r.headBytes());
                if (r.status() >= 500 || (r.status() == 200 && !r.body().equals("public signed-out"))
                        || r.headBytes() >= 8192) {
                    failures.add("#" + i + ": " + r.status() + " (" + r.headBytes() + " header bytes) " + r.body()
                            + " for " + cookie.substring(0, Math.min(200, cookie.length())));
                }
            }
        }
        System.out.printf("ChunkFuzzTest %s: %d hostile chunked Cookie headers, statuses %s, largest response head %d bytes%n",
                target, PER_TARGET, statuses, largestHead);
        assertThat(failures).as(target.toString()).isEmpty();
    }

    static String chunks(List<String> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : "; ").append("wos-session.").append(i).append('=').append(values.get(i));
        }
        return b.toString();
    }

    /** One hostile Cookie header; every one must leave the request signed out. */
    static String fuzz(SplittableRandom r) {
        List<String> a = sessions.get(r.nextInt(2));
        List<String> other = sessions.get(0) == a ? sessions.get(1) : sessions.get(0);
        switch (r.nextInt(12)) {
            case 0: // reordered
                return "wos-session.0=" + a.get(1) + "; wos-session.1=" + a.get(0);
            case 1: // the first chunk's count kept, the parts swapped
                return "wos-session.0=2." + a.get(1) + "; wos-session.1=" + a.get(0).substring(2);
            case 2: // a chunk missing
                return r.nextBoolean() ? "wos-session.0=" + a.get(0) : "wos-session.1=" + a.get(1);
            case 3: // a chunk of another session
                return "wos-session.0=" + a.get(0) + "; wos-session.1=" + other.get(1);
            case 4: { // one character of a chunk changed
                int which = r.nextInt(2);
                String v = a.get(which);
                int at = 2 + r.nextInt(v.length() - 4);
                char c = v.charAt(at) == 'A' ? 'B' : 'A';
                List<String> m = new ArrayList<>(a);
                m.set(which, v.substring(0, at) + c + v.substring(at + 1));
                return chunks(m);
            }
            case 5: { // a wrong count
                String[] counts = {"1.", "3.", "9.", "0.", "", "22.", "-1."};
                return "wos-session.0=" + counts[r.nextInt(counts.length)] + a.get(0).substring(2) + "; wos-session.1=" + a.get(1)
                        + "; wos-session.2=" + CookieFuzzTest.junk(r, 40, B64);
            }
            case 6: { // 50 chunks
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < 50; k++) {
                    b.append(k == 0 ? "" : "; ").append("wos-session.").append(k).append('=')
                            .append(k == 0 ? "9." : "").append(CookieFuzzTest.junk(r, r.nextInt(100), B64));
                }
                return b.toString();
            }
            case 7: // odd index spellings beside a plain junk cookie
                return "wos-session.00=" + a.get(0) + "; wos-session.01=" + a.get(1) + "; wos-session.-1=x; wos-session.1000="
                        + a.get(1) + "; wos-session.=" + a.get(0) + "; wos-session=" + CookieFuzzTest.junk(r, 50, B64);
            case 8: // duplicated first chunk, a forged one ahead: the first wins, as in browsers
                return "wos-session.0=1." + CookieFuzzTest.junk(r, 200, B64) + "; " + chunks(a);
            case 9: // forged compact payloads sealed with the right password
                return "wos-session.0=1." + forged.get(r.nextInt(forged.size()));
            case 10: // both forms: a forged plain cookie and chunks of the other session truncated
                return "wos-session=" + forged.get(r.nextInt(forged.size())) + "; wos-session.0=" + other.get(0) + "; wos-session.1="
                        + other.get(1).substring(0, other.get(1).length() / 2);
            default: { // the chunks joined in the plain cookie, one character changed
                String joined = a.get(0).substring(2) + a.get(1);
                int at = 10 + r.nextInt(joined.length() - 20);
                return "wos-session=" + joined.substring(0, at) + (joined.charAt(at) == 'A' ? 'B' : 'A') + joined.substring(at + 1);
            }
        }
    }
}
