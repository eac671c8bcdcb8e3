package dev.authkit.core;

import dev.authkit.core.internal.routes.ClientScript;
import java.util.Optional;

/**
 * The browser client, served by {@link AuthKit#handle} at {@link Routes#client()} (default
 * {@code /auth/client.js}): an ES module without dependencies that wraps the {@link BrowserApi}
 * for page scripts ({@code getAuth}, {@code getAccessToken}, {@code refresh},
 * {@code switchOrganization}, {@code signOut}, {@code onChange}) and registers the
 * {@code <authkit-impersonation>} element. Its TypeScript declarations are served at
 * {@link Routes#clientTypes()} (default {@code /auth/client.d.ts}); both files are also in the
 * jar under {@code dev/authkit/core/client/}.
 *
 * <p>Both are answered before any session work (no cookie is read or written) and are the same
 * for every visitor, so caches may keep them: each carries a strong {@code ETag} (a hash of its
 * content) and answers a matching {@code If-None-Match} with 304. Plain URLs are
 * {@code Cache-Control: no-cache} (revalidated on every use, so an upgrade is seen at once);
 * {@link #scriptUrl()} adds the content hash as {@code ?v=}, and such a URL is cached for a year
 * as {@code immutable}.
 *
 * <p>The served module knows the API prefix of the {@link Routes} it was built with, so a custom
 * {@link Routes#withApi(String) API prefix} needs nothing from the page.
 */
public final class BrowserClient {
    private final ClientScript files;

    BrowserClient(ClientScript files) {
        this.files = files;
    }

    /**
     * The script's URL for a {@code <script type="module">} or an {@code import}: its path with the
     * content hash ({@code /auth/client.js?v=q8Lk0VbT...}), cached by browsers for a year; empty when
     * the client route is off.
     */
    public Optional<String> scriptUrl() {
        return files.scriptUrl();
    }

    /**
     * {@link #scriptUrl()} under the request's context path ({@link AuthKitRequest#contextPath()}):
     * {@code /shop/auth/client.js?v=...} for an application deployed at {@code /shop}.
     */
    public Optional<String> scriptUrl(AuthKitRequest request) {
        return scriptUrl(request.contextPath());
    }

    /**
     * {@link #scriptUrl()} under {@code basePath}, the path the application is mounted at
     * ({@code ""} or {@code "/"} for the root, {@code "/shop"} or {@code "/shop/"}); a base path that
     * starts with several slashes keeps one, so the URL is never protocol-relative.
     */
    public Optional<String> scriptUrl(String basePath) {
        String base = basePath == null ? "" : basePath.replaceAll("^/+", "").replaceAll("/+$", "");
        String prefix = base.isEmpty() ? "" : "/" + base;
        return files.scriptUrl().map(url -> prefix + url);
    }

    /** The module's source as served (with this application's API prefix), for bundling or inspection. */
    public String script() {
        return files.script();
    }

    /** The TypeScript declarations of the module. */
    public String typeDeclarations() {
        return files.typeDeclarations();
    }

    /** The script's strong ETag, quoted as sent. */
    public String etag() {
        return files.etag();
    }
}
