package dev.authkit.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the core decided about a request, as a value for the adapter to carry out: go on to the
 * application, redirect, or answer directly. Each carries the cookies to set and the headers to
 * add to whatever response is finally sent.
 *
 * <p>Every outcome that sets or deletes a cookie also carries {@code Vary: Cookie} and
 * {@code Cache-Control: private, no-cache, no-store, must-revalidate, max-age=0} (replacing any
 * other {@code Cache-Control} it was given): no shared cache may keep or replay a response that
 * hands out a session or a sign-in verifier. The records enforce this themselves, so it holds
 * for outcomes built by applications (an {@code onError} handler) as well as by authkit.
 */
public sealed interface Outcome permits Outcome.Continue, Outcome.Redirect, Outcome.Respond {

    /** The {@code Cache-Control} of every answer that involves a session or a sign-in: no cache may keep it. */
    String NO_STORE = "private, no-cache, no-store, must-revalidate, max-age=0";

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

    /** {@code headers}, plus {@code Vary: Cookie} and no-store caching when {@code cookies} is not empty. */
    private static List<Header> withCacheRule(List<SetCookie> cookies, List<Header> headers) {
        if (cookies.isEmpty()) {
            return List.copyOf(headers);
        }
        List<Header> out = new ArrayList<>(headers.size() + 2);
        boolean vary = false;
        boolean cacheControl = false;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase("Cache-Control")) {
                if (!cacheControl) {
                    out.add(h.value().equals(NO_STORE) ? h : new Header(h.name(), NO_STORE));
                }
                cacheControl = true;
                continue;
            }
            if (h.name().equalsIgnoreCase("Vary")) {
                for (String v : h.value().split(",")) {
                    vary |= v.trim().equalsIgnoreCase("Cookie") || v.trim().equals("*");
                }
            }
            out.add(h);
        }
        if (!vary) {
            out.add(new Header("Vary", "Cookie"));
        }
        if (!cacheControl) {
            out.add(new Header("Cache-Control", NO_STORE));
        }
        return List.copyOf(out);
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
            headers = Outcome.withCacheRule(cookies, headers);
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
            headers = Outcome.withCacheRule(cookies, headers);
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
     * @param problem     for an error authkit rendered itself (HTML page or JSON), its code and
     *                    message, so an adapter can hand the error to its container without
     *                    reading the body; empty for every other answer
     */
    record Respond(int status, String contentType, String body, List<SetCookie> cookies, List<Header> headers,
                   Optional<Problem> problem) implements Outcome {
        public Respond {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(problem, "problem");
            cookies = List.copyOf(cookies);
            headers = Outcome.withCacheRule(cookies, headers);
        }

        /** An answer that is not one of authkit's own errors: no {@link #problem()}. */
        public Respond(int status, String contentType, String body, List<SetCookie> cookies, List<Header> headers) {
            this(status, contentType, body, cookies, headers, Optional.empty());
        }
    }
}
