package dev.authkit.spring.internal;

import dev.authkit.core.AuthKitEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Whether WorkOS answers, for the {@code authkit} health contributor: from the outcome of the
 * WorkOS calls authkit made (an event listener), and, when none was made lately, from a probe of
 * the JWKS endpoint whose answer is kept for {@code probeInterval}, so health checks never cause
 * more than one call to WorkOS per interval. Times are the system's (not the {@code AuthKit}'s
 * clock, which tests move). Thread-safe.
 */
public final class WorkOSReachability implements Consumer<AuthKitEvent> {
    /** What was last seen, and when (system time). */
    public record Observation(boolean reachable, String source, String endpoint, String outcome, int status, Instant at) {
    }

    private final Supplier<URI> jwks;
    private final Duration probeInterval;
    private final Clock clock;
    private final HttpClient http;
    private volatile Observation lastCall;
    private volatile Observation lastProbe;
    private volatile Instant unreachableSince;

    public WorkOSReachability(Supplier<URI> jwks, Duration probeInterval, Clock clock) {
        this.jwks = jwks;
        this.probeInterval = probeInterval;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public void accept(AuthKitEvent event) {
        if (event instanceof AuthKitEvent.WorkOSCall call) {
            boolean reachable = call.result() != AuthKitEvent.CallResult.UNAVAILABLE;
            Instant now = clock.instant();
            lastCall = new Observation(reachable, "calls", call.endpoint().tag(), call.result().name().toLowerCase(
                    java.util.Locale.ROOT), call.status(), now);
            track(reachable, now);
        }
    }

    /** The latest answer: a call within the probe interval, else the probe (made again once it is older than that). */
    public synchronized Observation current() {
        Instant now = clock.instant();
        Observation call = lastCall;
        if (call != null && call.at().isAfter(now.minus(probeInterval))) {
            return call;
        }
        Observation probe = lastProbe;
        if (probe == null || !probe.at().isAfter(now.minus(probeInterval))) {
            probe = probe(now);
            lastProbe = probe;
            track(probe.reachable(), now);
        }
        return probe;
    }

    /** Since when WorkOS has not answered, if it does not now. */
    public Instant unreachableSince() {
        return unreachableSince;
    }

    private void track(boolean reachable, Instant now) {
        if (reachable) {
            unreachableSince = null;
        } else if (unreachableSince == null) {
            unreachableSince = now;
        }
    }

    private Observation probe(Instant now) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(jwks.get()).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            boolean ok = r.statusCode() == 200;
            return new Observation(ok, "jwks probe", "jwks", ok ? "success" : "unavailable", r.statusCode(), now);
        } catch (java.io.IOException e) {
            return new Observation(false, "jwks probe", "jwks", "unavailable", 0, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Observation(false, "jwks probe", "jwks", "unavailable", 0, now);
        }
    }

    /** The details an operator needs; no secret (the JWKS URL holds the public client id only). */
    public static Map<String, Object> details(Observation o, Instant unreachableSince) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reachable", o.reachable());
        d.put("source", o.source());
        d.put("endpoint", o.endpoint());
        d.put("outcome", o.outcome());
        d.put("status", o.status());
        d.put("at", o.at().toString());
        if (unreachableSince != null) {
            d.put("unreachableSince", unreachableSince.toString());
        }
        return d;
    }
}
