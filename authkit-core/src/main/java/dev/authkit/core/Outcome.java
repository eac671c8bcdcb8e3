package dev.authkit.core;

import java.util.List;
import java.util.Objects;

/**
 * What the core decided about a request, as a value for the adapter to carry out: go on to the
 * application, redirect, or answer directly. Each carries the cookies to set and the headers to
 * add to whatever response is finally sent.
 */
public sealed interface Outcome permits Outcome.Continue, Outcome.Redirect, Outcome.Respond {

    List<SetCookie> cookies();

    List<Header> headers();

    /**
     * Writes the cookies and headers, and for a redirect or a direct answer also the status,
     * {@code Location} and body. For {@link Continue}, call it before the application writes its
     * response, then let the application run.
     */
    default void applyTo(AuthKitResponse response) {
        for (Header h : headers()) {
            response.addHeader(h.name(), h.value());
        }
        for (SetCookie c : cookies()) {
            response.addHeader("Set-Cookie", c.headerValue());
        }
        if (this instanceof Redirect r) {
            response.setStatus(r.status());
            response.setHeader("Location", r.location());
            response.writeBody("text/plain; charset=utf-8", "");
        } else if (this instanceof Respond r) {
            response.setStatus(r.status());
            response.writeBody(r.contentType(), r.body());
        }
    }

    /**
     * Let the request through to the application, which sees {@code auth}.
     *
     * @param auth    who is signed in, or {@link Auth#signedOut()}
     * @param cookies cookies to set (a refreshed session, an eager access-token cookie, deletions)
     * @param headers headers to add ({@code Vary}, {@code Cache-Control} when a session is involved)
     */
    record Continue(Auth auth, List<SetCookie> cookies, List<Header> headers) implements Outcome {
        public Continue {
            Objects.requireNonNull(auth, "auth");
            cookies = List.copyOf(cookies);
            headers = List.copyOf(headers);
        }
    }

    /**
     * Send the browser elsewhere.
     *
     * @param location absolute URL
     * @param status   307 or 303 (after a non-GET), or 302
     * @param cookies  cookies to set with the redirect
     * @param headers  headers to add
     */
    record Redirect(String location, int status, List<SetCookie> cookies, List<Header> headers) implements Outcome {
        public Redirect {
            Objects.requireNonNull(location, "location");
            cookies = List.copyOf(cookies);
            headers = List.copyOf(headers);
        }
    }

    /**
     * Answer directly, without the application.
     *
     * @param status      HTTP status
     * @param contentType the body's media type
     * @param body        the body
     * @param cookies     cookies to set
     * @param headers     headers to add
     */
    record Respond(int status, String contentType, String body, List<SetCookie> cookies, List<Header> headers)
            implements Outcome {
        public Respond {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            cookies = List.copyOf(cookies);
            headers = List.copyOf(headers);
        }
    }
}
