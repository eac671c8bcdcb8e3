package dev.authkit.core.internal.request;

/**
 * Thrown by {@link RequestContext#mayBlock()} in an inline run ({@link RequestContext#inline()}):
 * the request has reached a step that may block (a call to WorkOS, a JWKS fetch, a blocking
 * {@code SessionStore} or {@code RevocationList}) and nothing of that step has been done yet. The
 * pipeline turns it into "run me on a worker"; it never reaches an adapter. One shared instance,
 * without a stack trace: declining is a normal answer, not an error, and costs no allocation.
 */
public final class WouldBlock extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final WouldBlock INSTANCE = new WouldBlock();

    private WouldBlock() {
        super("this request needs a worker thread", null, false, false);
    }
}
