import { withAuth } from '@workos-inc/authkit-nextjs';

// What the Next.js side knows about the request's session, as JSON.
export async function GET() {
  const { user, sessionId, organizationId, accessToken } = await withAuth();
  return Response.json({ user: user ?? null, sessionId: sessionId ?? null,
    organizationId: organizationId ?? null, accessToken: accessToken ?? null });
}
