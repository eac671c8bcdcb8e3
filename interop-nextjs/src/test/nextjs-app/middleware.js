import { authkitMiddleware } from '@workos-inc/authkit-nextjs';

// Refresh only when the access token has expired (no early refresh), so the test decides which
// side refreshes a session: the one that first sees it expired.
export default authkitMiddleware({ refreshBufferSeconds: 0 });

export const config = { matcher: ['/me', '/sign-in', '/sign-out'] };
