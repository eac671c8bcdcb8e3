// Seals or unseals with the real iron-session, for the Java interop tests.
// Reads one JSON request on stdin:
//   {"op":"seal",   "version":"8"|"9", "password": string | {id: password}, "data": any,    "ttl": seconds}
//   {"op":"unseal", "version":"8"|"9", "password": string | {id: password}, "seal": string}
// Writes one JSON answer on stdout: {"seal": "..."} or {"data": ...}.
import { readFileSync } from 'node:fs';

const request = JSON.parse(readFileSync(0, 'utf8'));
const lib = await import(request.version === '8' ? 'iron-session-8' : 'iron-session-9');

if (request.op === 'seal') {
  const seal = await lib.sealData(request.data, { password: request.password, ttl: request.ttl });
  process.stdout.write(JSON.stringify({ seal }));
} else if (request.op === 'unseal') {
  const data = await lib.unsealData(request.seal, { password: request.password });
  process.stdout.write(JSON.stringify({ data }));
} else {
  throw new Error('unknown op ' + request.op);
}
