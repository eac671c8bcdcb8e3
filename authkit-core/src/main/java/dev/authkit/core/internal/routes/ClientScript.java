package dev.authkit.core.internal.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.Routes;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.request.Query;
import dev.authkit.core.internal.request.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser client's two files (the ES module and its TypeScript declarations), answered
 * before any session work with a strong {@code ETag} and 304 for a matching
 * {@code If-None-Match}; a URL carrying the content hash ({@code ?v=}) is cached for a year, the
 * plain URL revalidated. The module finds the JSON API relative to its own URL.
 */
public final class ClientScript {
    /** {@code Cache-Control} of a URL carrying the content hash: one year, never revalidated. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** {@code Cache-Control} of the plain URL: cache, but ask with the ETag before each use. */
    static final String REVALIDATE = "public, no-cache";
    private static final String RESOURCES = "/dev/authkit/core/client/";
    private static final String API_PLACEHOLDER = "\"__AUTHKIT_API__\"";

    private final Optional<String> scriptPath;
    private final Optional<String> typesPath;
    private final Asset script;
    private final Asset types;

    public ClientScript(Routes routes) {
        this.scriptPath = routes.client();
        this.typesPath = routes.clientTypes();
        String source = resource("client.js");
        if (!source.contains(API_PLACEHOLDER)) {
            throw new IllegalStateException("client.js has no API placeholder");
        }
        this.script = Asset.of("text/javascript; charset=utf-8",
                source.replace(API_PLACEHOLDER, jsonString(routes.api().map(api -> relative(scriptPath.orElse("/"), api))
                        .orElse(null))));
        this.types = Asset.of("application/typescript; charset=utf-8", resource("client.d.ts"));
    }

    /**
     * The script's URL for a {@code <script type="module">} or an {@code import}: its path with the
     * content hash ({@code /auth/client.js?v=q8Lk0VbT...}), cached by browsers for a year; empty when
     * the client route is off.
     */
    public Optional<String> scriptUrl() {
        return scriptPath.map(p -> p + "?v=" + script.version());
    }

    /** The module's source as served (with this application's API prefix), for bundling or inspection. */
    public String script() {
        return script.body();
    }

    /** The TypeScript declarations of the module. */
    public String typeDeclarations() {
        return types.body();
    }

    /** The script's strong ETag, quoted as sent. */
    public String etag() {
        return script.etag();
    }

    /** The file at {@code path} (relative to the context path), or empty when it is not one of the client's. */
    public Optional<Outcome> handle(RequestContext ctx, String path) {
        if (scriptPath.filter(path::equals).isPresent()) {
            return Optional.of(answer(ctx, script));
        }
        if (typesPath.filter(path::equals).isPresent()) {
            return Optional.of(answer(ctx, types));
        }
        return Optional.empty();
    }

    private static Outcome answer(RequestContext ctx, Asset asset) {
        if (!ctx.method().equals("GET") && !ctx.method().equals("HEAD")) {
            return new Outcome.Respond(405, "application/json", "{\"error\":\"method_not_allowed\"}", List.of(),
                    List.of(new Header("Allow", "GET, HEAD"), Outcomes.NOSNIFF));
        }
        Map<String, String> query = Query.parse(ctx.rawQuery());
        String cacheControl = asset.version().equals(query.get("v")) ? IMMUTABLE : REVALIDATE;
        List<Header> headers = List.of(new Header("ETag", asset.etag()), new Header("Cache-Control", cacheControl),
                Outcomes.NOSNIFF);
        for (String ifNoneMatch : ctx.request().headers("If-None-Match")) {
            if (matches(ifNoneMatch, asset.etag())) {
                return new Outcome.Respond(304, asset.contentType(), "", List.of(), headers);
            }
        }
        return new Outcome.Respond(200, asset.contentType(), asset.body(), List.of(), headers);
    }

    /** RFC 9110 weak comparison over a list of entity tags, or {@code *}. */
    public static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String resource(String name) {
        try (InputStream in = ClientScript.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCES + name + " is missing from the authkit-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code to} as a reference relative to the document at {@code from}: {@code ./api} from
     * {@code /auth/client.js} to {@code /auth/api}, {@code ../api} from {@code /x/client.js} to
     * {@code /api}. The module resolves it against its own URL, which carries any context path.
     */
    public static String relative(String from, String to) {
        List<String> dir = new ArrayList<>(List.of(from.substring(1).split("/", -1)));
        dir.remove(dir.size() - 1);
        List<String> target = List.of(to.substring(1).split("/", -1));
        int common = 0;
        while (common < dir.size() && common < target.size() && dir.get(common).equals(target.get(common))) {
            common++;
        }
        StringBuilder out = new StringBuilder(common == dir.size() ? "./" : "");
        out.append("../".repeat(dir.size() - common));
        out.append(String.join("/", target.subList(common, target.size())));
        return out.toString();
    }

    private static String jsonString(String value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One served file: its body, media type and content hash (22 base64url characters of SHA-256). */
    private record Asset(String contentType, String body, String version) {
        static Asset of(String contentType, String body) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
                return new Asset(contentType, body, Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java platform", e);
            }
        }

        String etag() {
            return "\"" + version + "\"";
        }
    }
}
