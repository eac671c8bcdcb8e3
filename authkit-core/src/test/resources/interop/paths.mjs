// authkit-nextjs's route matching, for the Java differential tests: each glob goes through
// new URL(glob, 'https://example.com'), then path-to-regexp 6.3.0's parse and tokensToRegexp
// over pathname + hash, and the regex source is executed (case-sensitively) against each path.
// Also answers where the callback sends a return path (pathname and search of
// new URL(x, 'https://placeholder.com') set on the app's URL).
// stdin:  {"globs": [{"glob": "...", "paths": ["..."]}], "returnPaths": ["..."]}
// stdout: {"globs": [{"source": "...", "matches": [true, ...]} | {"error": "..."}], "returnPaths": ["/path?query"]}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse, tokensToRegexp } = require('path-to-regexp-6');
const request = JSON.parse(readFileSync(0, 'utf8'));

const globs = (request.globs || []).map(({ glob, paths }) => {
  try {
    const url = new URL(glob, 'https://example.com');
    const source = tokensToRegexp(parse(url.pathname + url.hash)).source;
    const re = new RegExp(source);
    return { source, matches: paths.map((p) => re.exec(p) !== null) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
});
// as authkit-nextjs's callback does: copy pathname and search onto the app's own URL
const returnPaths = (request.returnPaths || []).map((rp) => {
  const u = new URL(rp, 'https://placeholder.com');
  const target = new URL('https://app.example.com/callback?code=c&state=s');
  target.pathname = u.pathname;
  target.search = u.search;
  return target.pathname + target.search;
});
process.stdout.write(JSON.stringify({ globs, returnPaths }));
