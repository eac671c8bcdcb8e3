import { signOut } from '@workos-inc/authkit-nextjs';

export async function GET(request) {
  await signOut({ returnTo: new URL('/me', request.url).toString() });
}
