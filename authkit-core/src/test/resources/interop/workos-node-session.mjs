// Signs a user in against a (fake) WorkOS with the real @workos-inc/node SDK and seals the session
// exactly as authkit-nextjs 4.3's callback route does: handleAuth() keeps
// {accessToken, refreshToken, user, impersonator, authenticationMethod} of authenticateWithCode()
// and encryptSession() seals it with iron-session's sealData(..., {ttl: 0}).
// Reads one JSON request on stdin:
//   {"hostname": "127.0.0.1", "port": 1234, "clientId": "...", "apiKey": "...",
//    "redirectUri": "...", "password": "..."}
// The fake must sign the user in without a page (FakeWorkOS.autoSignIn).
// Writes one JSON answer on stdout: {"seal": "Fe26.2*..."}.
import { readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { WorkOS } from '@workos-inc/node';
import { sealData } from 'iron-session-8';

const request = JSON.parse(readFileSync(0, 'utf8'));
const workos = new WorkOS(request.apiKey, {
  apiHostname: request.hostname, port: request.port, https: false, clientId: request.clientId,
});

const codeVerifier = randomBytes(32).toString('base64url');
const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
const authorizationUrl = workos.userManagement.getAuthorizationUrl({
  provider: 'authkit', clientId: request.clientId, redirectUri: request.redirectUri,
  codeChallenge, codeChallengeMethod: 'S256', state: 'node-state',
});
const back = await fetch(authorizationUrl, { redirect: 'manual' });
const location = back.headers.get('location');
if (!location) {
  throw new Error('the authorization URL did not redirect back: HTTP ' + back.status);
}
const code = new URL(location).searchParams.get('code');

const { accessToken, refreshToken, user, impersonator, authenticationMethod } =
  await workos.userManagement.authenticateWithCode({ clientId: request.clientId, code, codeVerifier });
const seal = await sealData({ accessToken, refreshToken, user, impersonator, authenticationMethod },
  { password: request.password, ttl: 0 });
process.stdout.write(JSON.stringify({ seal }));
