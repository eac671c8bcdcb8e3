package dev.authkit.testkit;

import dev.authkit.testkit.internal.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tiny non-redirecting HTTP client that walks FakeWorkOS's hosted pages like a person would. */
final class Browser {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private Browser() {
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the authorization URL, clicks the user, and returns the query of the redirect back (code, state). */
    static Map<String, String> signInAs(String authorizationUrl, FakeUser user, String baseUrl) {
        HttpResponse<String> page = get(authorizationUrl);
        if (page.statusCode() != 200) {
            throw new AssertionError("hosted page answered " + page.statusCode() + ": " + page.body());
        }
        Matcher m = Pattern.compile("id=\"sign-in-" + Pattern.quote(user.id()) + "\" href=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            throw new AssertionError(user.email() + " is not offered on the hosted page");
        }
        HttpResponse<String> back = get(baseUrl + m.group(1).replace("&amp;", "&"));
        if (back.statusCode() != 302) {
            throw new AssertionError("choosing the user answered " + back.statusCode() + ": " + back.body());
        }
        return Http.parseQuery(URI.create(back.headers().firstValue("Location").orElseThrow()).getRawQuery());
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
    }
}
