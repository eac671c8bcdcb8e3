// authkit-nextjs's per-request work on a session cookie, as its middleware does it on every
// request: iron-session's unsealData, then jose's jwtVerify against the (already fetched) JWKS.
// Usage: node nextjs-per-request.mjs <fixture.json>; prints {"meanMicros": ..., "iterations": ...}.
import { readFileSync } from 'node:fs';
import { unsealData } from 'iron-session';
import { createLocalJWKSet, jwtVerify } from 'jose';

const fixture = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const keys = createLocalJWKSet(fixture.jwks);

async function perRequest() {
  const session = await unsealData(fixture.cookie, { password: fixture.password });
  const { payload } = await jwtVerify(session.accessToken, keys);
  if (payload.sub !== session.user.id) {
    throw new Error('the token is not the session user\'s');
  }
}

async function run(millis) {
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(millis) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 50; i++) {
      await perRequest();
    }
    n += 50;
    now = process.hrtime.bigint();
  }
  return { n, micros: Number(now - start) / 1000 };
}

await run(3000); // warm-up
const rounds = [];
for (let r = 0; r < 5; r++) {
  rounds.push(await run(1000));
}
const total = rounds.reduce((a, r) => ({ n: a.n + r.n, micros: a.micros + r.micros }), { n: 0, micros: 0 });
console.log(JSON.stringify({ meanMicros: total.micros / total.n, iterations: total.n,
  roundsMicros: rounds.map(r => r.micros / r.n) }));
