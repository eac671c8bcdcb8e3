package dev.authkit.servlet.internal;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.servlet.WorkOSPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The request the application sees behind the filter: {@code getUserPrincipal()},
 * {@code getRemoteUser()} and {@code isUserInRole()} answer from the WorkOS session, and
 * {@code x-workos-*} headers sent by the client are gone.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {
    public static final String AUTH_TYPE = "WORKOS";
    private final Auth auth;

    public AuthenticatedRequest(HttpServletRequest request, Auth auth) {
        super(request);
        this.auth = auth;
    }

    @Override
    public Principal getUserPrincipal() {
        return auth.user().<Principal>map(WorkOSPrincipal::new).orElse(null);
    }

    @Override
    public String getRemoteUser() {
        return auth.user().map(u -> u.id()).orElse(null);
    }

    @Override
    public boolean isUserInRole(String role) {
        return auth.hasRole(role);
    }

    @Override
    public String getAuthType() {
        return auth.isSignedIn() ? AUTH_TYPE : null;
    }

    @Override
    public String getHeader(String name) {
        return AuthKit.isReservedRequestHeader(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return AuthKit.isReservedRequestHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames());
        names.removeIf(AuthKit::isReservedRequestHeader);
        return Collections.enumeration(names);
    }

    @Override
    public long getDateHeader(String name) {
        return AuthKit.isReservedRequestHeader(name) ? -1 : super.getDateHeader(name);
    }

    @Override
    public int getIntHeader(String name) {
        return AuthKit.isReservedRequestHeader(name) ? -1 : super.getIntHeader(name);
    }
}
