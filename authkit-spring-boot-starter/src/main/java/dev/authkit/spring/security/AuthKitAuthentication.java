package dev.authkit.spring.security;

import dev.authkit.core.Auth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A signed-in authkit session as Spring Security's {@code Authentication}: the principal (and
 * {@link #getName()}) is the WorkOS user id; the authorities are the session's roles as
 * {@code ROLE_<role>} (so {@code hasRole('admin')} works) and its permissions as they are (so
 * {@code hasAuthority('posts:write')} works). Roles and permissions never share a name: a permission
 * that looks like one of Spring Security's prefixed authorities ({@code ROLE_admin}, {@code SCOPE_x},
 * {@code FACTOR_PASSWORD}: capitals and an underscore) is granted as {@code PERMISSION_<permission>}, so
 * a WorkOS permission cannot pass {@code hasRole(..)}. The credentials are never exposed: the access token
 * stays in {@link #auth()}.
 */
public final class AuthKitAuthentication extends org.springframework.security.authentication.AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;
    private final transient Auth auth;
    private final String userId;

    public AuthKitAuthentication(Auth auth) {
        super(authorities(auth));
        this.auth = auth;
        this.userId = auth.userId().orElseThrow(() -> new IllegalArgumentException("a signed-out Auth is not an Authentication"));
        setAuthenticated(true);
    }

    /** The authkit session behind this authentication. */
    public Auth auth() {
        return auth;
    }

    /** The WorkOS user id. */
    @Override
    public Object getPrincipal() {
        return userId;
    }

    /** Always null: the access token is not handed to Spring Security. */
    @Override
    public Object getCredentials() {
        return null;
    }

    /** Prefix of a permission whose own name looks like one of Spring Security's authorities. */
    public static final String PERMISSION_PREFIX = "PERMISSION_";
    /** Spring Security's prefixed authorities: {@code ROLE_}, {@code SCOPE_}, {@code FACTOR_}, ... */
    private static final java.util.regex.Pattern SPRING_NAMESPACE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9]*_.*");

    static List<GrantedAuthority> authorities(Auth auth) {
        Set<String> names = new LinkedHashSet<>();
        auth.role().ifPresent(r -> names.add("ROLE_" + r));
        auth.roles().forEach(r -> names.add("ROLE_" + r));
        for (String permission : auth.permissions()) {
            names.add(SPRING_NAMESPACE.matcher(permission).matches() ? PERMISSION_PREFIX + permission : permission);
        }
        List<GrantedAuthority> out = new ArrayList<>();
        for (String name : names) {
            out.add(new SimpleGrantedAuthority(name));
        }
        return out;
    }
}
