package dev.authkit.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.FakeWorkOS;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The path matrix: raw request paths that try to reach {@code /admin/*} through a path authkit
 * might read as public ({@code /public/..%2fadmin}, {@code /admin/..;/public}, ...), sent byte for
 * byte by a signed-out client to every {@link Target}. Whatever the container makes of them, the
 * protected resource is never served, and nothing answers 5xx, except Jersey on Grizzly itself for
 * a target {@link java.net.URI} cannot parse (a raw {@code \}, a bad escape): it fails building the
 * request before any filter, authkit's included, runs.
 */
class PathMatrixTest {
    static FakeWorkOS fake;

    @BeforeAll
    static void startFake() {
        fake = FakeWorkOS.builder().withDemoData().start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    static final String[] SEPARATORS = {"/", "%2f", "%2F", "\\", "%5c", "%5C", "//", "/;/", ";/", "/%2f", "/./", ";x=1/"};
    static final String[] DOTS = {"..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "..;", "..;x=1", "%252e%252e", "..%00", "..%2f",
        "..%5c", "%2e%2e%2f"};

    /** At least 300 distinct raw paths, each one aiming at the protected resource. */
    static List<String> paths() {
        Set<String> out = new LinkedHashSet<>();
        for (String sep : SEPARATORS) {
            for (String dots : DOTS) {
                out.add("/admin" + sep + dots + sep + "public");
                out.add("/public" + sep + dots + sep + "admin");
                out.add("/public/x" + sep + dots + sep + dots + sep + "admin");
                out.add("/admin" + sep + dots);
                out.add("/admin/x" + sep + dots + sep + dots + sep + "public/y");
            }
        }
        out.addAll(List.of("/admin", "/admin/", "/admin/x", "/admin/..", "/admin/%2e%2e/public", "/admin/x;/../../public",
                "/admin/x//../../public", "/admin/..;/public", "/admin/x%2F..%2F..%2Fpublic/y", "/admin/%2e%2e%5cpublic",
                "/admin%2f..%2fpublic", "/public/x/..%2f..%2fadmin", "/%61dmin", "/%61dmin/x", "/ADMIN", "/Admin/x",
                "/admin;jsessionid=1", "/admin;jsessionid=1/x", "/admin%00", "/admin%00/x", "/admin%20", "/admin%09", "/admin.",
                "/admin~", "/./admin", "/public/../admin", "//admin", "//admin/x", "///admin", "/public//../admin",
                "/public/%2e%2e/admin", "/public/%2e%2e%2fadmin", "/public/..%252fadmin", "/admin\\..\\public",
                "/admin/.%2e/public", "/adm%69n", "/adm%69n/x", "/admin%2f", "/admin%3b/x", "/admin%3B/x", "/admin%23/x",
                "/admin%3f/x", "/admin?x=/public", "/admin#/public", "/public%2f..%2fadmin", "/public%2F..%2Fadmin/x",
                "/public/;/../admin", "/public;/../admin", "/public/x/../../admin", "/public/%u002e%u002e/admin",
                "/public/%c0%ae%c0%ae/admin", "/public/%e0%80%ae%e0%80%ae/admin", "/public/..%c0%afadmin",
                "/public/..%ef%bc%8fadmin", "/admin%e2%80%a8", "/admin%c2%85", "/admin/%ff", "/admin/%", "/admin/%zz",
                "/public\\..\\admin", "/public%5c..%5cadmin", "/*/admin", "/public/*/../admin", "/admin%2e", "/admin%2e/x",
                "/%2e/admin", "/%2e%2e/admin", "/../admin", "/..;/admin", "/public/x%2f%2e%2e%2f%2e%2e%2fadmin"));
        return new ArrayList<>(out);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void aSignedOutClientNeverReachesTheProtectedResource(Target target) throws Exception {
        List<String> paths = paths();
        assertThat(paths).hasSizeGreaterThanOrEqualTo(300);
        List<String> served = new ArrayList<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        int jerseyUnparsable = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (Target.Running server = target.start(Hostile.authKit(fake)); RawHttp http = new RawHttp(server.port())) {
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                RawHttp.Response r = http.get(path, i % 2 == 0 ? "Accept: text/html" : "Accept: application/json");
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.body().contains(Target.PROTECTED_MARKER)) {
                    served.add(path + " -> " + r.status());
                }
                if (r.status() == 200) {
                    ok.add(path + " -> " + r.body());
                }
                if (r.status() >= 500) {
                    if (target == Target.JERSEY_GRIZZLY && !parsableUri(path)) {
                        jerseyUnparsable++;
                    } else {
                        serverErrors.add(path + " -> " + r.status());
                    }
                }
            }
        }
        System.out.printf("PathMatrixTest %s: %d raw paths, statuses %s, 200s %s%s%n", target, paths.size(), statuses, ok,
                jerseyUnparsable == 0 ? "" : ", Jersey's own 500 for " + jerseyUnparsable + " targets java.net.URI refuses");
        assertThat(served).as(target + ": protected resource served to a signed-out client").isEmpty();
        assertThat(serverErrors).as(target + ": 5xx").isEmpty();
    }

    static boolean parsableUri(String path) {
        try {
            new java.net.URI(path);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
