// authkit-java browser client: the session of this page, kept in step across the tabs of its origin.
// Served by authkit at /auth/client.js; no dependencies. Types: /auth/client.d.ts.
// The JSON API, written in by the server relative to this module's own URL, so that an application
// under a context path (/app/auth/client.js) calls its own API (/app/auth/api).
const API_REF = "__AUTHKIT_API__";
const API = API_REF && new URL(API_REF, import.meta.url).pathname.replace(/\/$/, "");
// One client per page: a page may load this module under several URLs (the hashed scriptUrl() of a
// server template and the plain URL of a page script), and the browser then runs it once per URL.
// The first copy creates the state (session view, listeners, token, BroadcastChannel) under a well-known
// symbol; every copy delegates to it, so copies never see each other as "another tab".
const SHARED = Symbol.for("dev.authkit.client/1");
const client = globalThis[SHARED] || create();

export const AuthKitError = client.AuthKitError;
export const SignedOutError = client.SignedOutError;
export const NetworkError = client.NetworkError;
export const UnavailableError = client.UnavailableError;
export const RecentSignInRequiredError = client.RecentSignInRequiredError;

/** The signed-in user, organization, roles, permissions, entitlements, feature flags and impersonator (never a token). */
export async function getAuth(options) { return client.getAuth(options); }
/** An access token valid for at least 30 more seconds, refreshed when needed (one request per origin at a time). */
export function getAccessToken() { return client.getAccessToken(); }
/** Refreshes the session now (into another organization when given) and answers the new auth. */
export async function refresh(options) { return client.refresh(options); }
/** Moves the session into another organization (following WorkOS's SSO or MFA sign-in when it asks). */
export async function switchOrganization(organizationId, options) { return client.switchOrganization(organizationId, options); }
/**
 * Ends the session here and at WorkOS, tells the other tabs, then goes to `returnTo` (default "/"). Never settles.
 * With `everywhere: true`, every session of the user (other browsers and devices too) is revoked first.
 */
export async function signOut(options) { return client.signOut(options); }
/** Calls `callback(auth, {type, remote, leaving})` on sign-in, sign-out, organization switch and refresh. */
export function onChange(callback) { return client.onChange(callback); }
/** Step-up: resolves when the user signed in at most `maxAgeSeconds` ago; else sends the page through sign-in (WorkOS max_age) and back. */
export async function ensureRecentSignIn(maxAgeSeconds) { return client.ensureRecentSignIn(maxAgeSeconds); }

function create() {
  const MIN_TOKEN_LIFE = 30e3; // getAccessToken answers tokens valid for at least this long (ms)
  const LOCK = "authkit-access-token";
  const NAV_FIELDS = ["reauthenticationUrl", "authorizationUrl", "signInUrl"];

  class AuthKitError extends Error {
    constructor(code, message, status, retryAfter) {
      super(message || code);
      this.name = new.target.name;
      this.code = code;
      this.status = status;
      this.retryAfter = retryAfter; // seconds, from Retry-After
    }
  }
  class SignedOutError extends AuthKitError {
    constructor(message) { super("signed_out", message || "No session", 401); }
  }
  class NetworkError extends AuthKitError {
    constructor(cause) { super("network_error", "authkit is unreachable: " + cause, 0); }
  }
  class UnavailableError extends AuthKitError {}
  // Step-up (RFC 9470): signed in, but too long ago for this; `maxAge` in seconds, `signInUrl` to sign in again.
  class RecentSignInRequiredError extends AuthKitError {
    constructor(message, maxAge, signInUrl) {
      super("recent_sign_in_required", message, 401);
      this.maxAge = maxAge;
      this.signInUrl = signInUrl;
    }
  }

  const channel = typeof BroadcastChannel == "function" ? new BroadcastChannel("authkit") : null;
  if (channel && channel.unref) channel.unref(); // imported outside a browser (tests, SSR): do not keep Node alive
  const listeners = new Set();
  let current; // the last auth view seen (undefined until the first answer)
  let loading; // the GET /auth in flight
  let token; // { value, expiresAt (ms) }
  let tokenLoading;
  let lastCheck = 0;
  let leavingTo; // set once signOut navigates to WorkOS's logout: nothing else may change the page after that

  // One JSON API call. `navigable`: a sign-in URL in the answer is followed (the promise then never settles).
  async function call(method, path, params, navigable) {
    if (!API) throw new AuthKitError("not_configured", "authkit's JSON API route is off");
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v != null) query.set(k, v);
    const qs = String(query);
    const url = API + path + (qs ? "?" + qs : "");
    let res;
    try {
      res = await fetch(url, { method, credentials: "same-origin", cache: "no-store",
        headers: { "X-AuthKit-Request": "1", Accept: "application/json" } });
    } catch (e) {
      throw new NetworkError(e && e.message);
    }
    let body;
    try {
      body = await res.json();
      if (!body || typeof body != "object") throw new TypeError();
    } catch (e) {
      throw new AuthKitError("bad_response", method + " " + path + " answered " + res.status + " without JSON", res.status);
    }
    if (navigable && follow(body)) return leaving();
    const code = body && typeof body.error == "string" ? body.error : undefined;
    if (res.status == 401 && code == "recent_sign_in_required") throw new RecentSignInRequiredError(body.message, body.maxAge, body.signInUrl);
    if (res.status == 401) {
      if (current && current.user) update({ user: null }, "sign-out");
      throw new SignedOutError(body.error_description || code);
    }
    if (res.status >= 500 || res.status == 429 || res.status == 408) {
      const after = Number(res.headers.get("Retry-After"));
      throw new UnavailableError(code || "unavailable", body.message || "authkit or WorkOS is unavailable (" + res.status + ")",
        res.status, after >= 0 && res.headers.has("Retry-After") ? after : undefined);
    }
    if (!res.ok) throw new AuthKitError(code || "http_" + res.status, body.message || body.error_description || code, res.status);
    return body;
  }

  // Navigates to a sign-in WorkOS asked for; the returned promise never settles (the page goes away).
  function follow(body) {
    const target = NAV_FIELDS.map((f) => body[f]).find((u) => typeof u == "string" && /^(https?:\/\/|\/(?!\/))/i.test(u));
    if (!target) return false;
    location.assign(target);
    return true;
  }
  const leaving = () => new Promise(() => {});
  const here = () => location.pathname + location.search + location.hash;

  function view(body) {
    const auth = Object.assign({}, body);
    delete auth.accessToken;
    for (const f of NAV_FIELDS) delete auth[f];
    if (!("user" in auth)) auth.user = null;
    return Object.freeze(auth);
  }

  function kindOf(before, after) {
    if (!after.user) return "sign-out";
    if (!before || !before.user || before.user.id != after.user.id) return "sign-in";
    if (before.organizationId != after.organizationId) return "organization-switch";
    return "refresh";
  }

  // Records a new auth view, tells the listeners, and (unless it came from there) the other tabs.
  // `leaving`: this page is navigating away on its own (sign-out), so listeners should not navigate.
  function update(body, kind, remote, leaving) {
    const before = current;
    const after = view(body);
    current = after;
    if (!after.user || (before && before.sessionId != after.sessionId) || kind == "organization-switch") token = undefined;
    const same = before && JSON.stringify(before) == JSON.stringify(after);
    if (!remote && channel && (!same || kind)) channel.postMessage({ auth: after, kind });
    if (before === undefined || (same && kind != "refresh")) return after;
    const event = { type: kind || kindOf(before, after), remote: !!remote, leaving: !!leaving };
    for (const fn of listeners) {
      try {
        fn(after, event);
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    }
    return after;
  }

  /** The signed-in user, organization, roles, permissions, entitlements, feature flags and impersonator (never a token). */
  async function ensureRecentSignIn(maxAgeSeconds) {
    const seconds = Math.floor(Number(maxAgeSeconds));
    if (!(seconds >= 0)) throw new AuthKitError("bad_argument", "maxAgeSeconds must be a number of seconds");
    const body = await call("GET", "/auth", { ensureSignedIn: "true", maxAge: seconds, returnTo: here() }, true);
    lastCheck = Date.now();
    return update(body);
  }

  async function getAuth(options) {
    const ensure = options && options.ensureSignedIn;
    if (current && !ensure && !(options && options.force)) return current;
    if (!ensure && loading) return loading;
    const request = call("GET", "/auth", ensure ? { ensureSignedIn: "true", returnTo: here() } : {}, ensure).then((body) => {
      lastCheck = Date.now();
      return update(body);
    });
    if (!ensure) loading = request.finally(() => { loading = undefined; });
    return ensure ? request : loading;
  }

  function decode(value) {
    try {
      const part = value.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const exp = JSON.parse(atob(part)).exp;
      return { value, expiresAt: typeof exp == "number" ? exp * 1000 : 0 };
    } catch (e) {
      return { value, expiresAt: 0 };
    }
  }
  const fresh = (t) => t && t.expiresAt - Date.now() >= MIN_TOKEN_LIFE;

  async function fetchToken() {
    if (fresh(token)) return token.value;
    let body = await call("GET", "/access-token");
    if (body.accessToken && !fresh(decode(body.accessToken))) body = await call("POST", "/access-token/refresh");
    if (!body.accessToken) {
      if (body.error) {
        recheck(true);
        throw new AuthKitError("refresh_failed", body.error);
      }
      if (current && current.user) update({ user: null }, "sign-out");
      throw new SignedOutError();
    }
    token = decode(body.accessToken);
    if (channel) channel.postMessage({ token: body.accessToken });
    return token.value;
  }

  /**
   * An access token valid for at least 30 more seconds, refreshed when needed. Concurrent calls share
   * one request, and so do the tabs of this origin (Web Locks): the first refreshes, the others get its token.
   */
  function getAccessToken() {
    if (fresh(token)) return Promise.resolve(token.value);
    if (!tokenLoading) {
      const locks = typeof navigator != "undefined" && navigator.locks;
      const run = locks ? locks.request(LOCK, fetchToken) : fetchToken();
      tokenLoading = run.finally(() => { tokenLoading = undefined; });
    }
    return tokenLoading;
  }

  /** Refreshes the session now (into another organization when given) and answers the new auth. */
  async function refresh(options) {
    const organizationId = options && options.organizationId;
    const body = await call("POST", "/refresh", { organizationId, returnTo: here() }, true);
    token = undefined;
    if (channel) channel.postMessage({ tokenStale: true });
    const before = current;
    return update(body, before && before.user && body.user && before.organizationId != body.organizationId
      ? "organization-switch" : body.user ? "refresh" : "sign-out");
  }

  /**
   * Moves the session into organization `organizationId`. When WorkOS requires SSO or MFA for it, the page
   * goes to that sign-in and comes back to `returnTo` (default: this page); the promise then never settles.
   */
  async function switchOrganization(organizationId, options) {
    if (!organizationId) throw new AuthKitError("missing_organization_id", "switchOrganization needs an organization id");
    const returnTo = (options && options.returnTo) || here();
    const body = await call("POST", "/switch-organization", { organizationId, returnTo }, true);
    token = undefined;
    if (channel) channel.postMessage({ tokenStale: true });
    return update(body, body.user ? "organization-switch" : "sign-out");
  }

  /**
   * Ends the session here and at WorkOS, tells the other tabs, then goes to `returnTo` (default "/"). Never settles.
   * `everywhere: true` asks the server to revoke every session of the user first (POST sign-out-everywhere);
   * the others end at their next request.
   */
  async function signOut(options) {
    if (leavingTo) return leaving();
    const returnTo = (options && options.returnTo) || "/";
    const body = await call("POST", options && options.everywhere ? "/sign-out-everywhere" : "/sign-out", { returnTo });
    leavingTo = body.logoutUrl || returnTo;
    // Listeners first (told the page is leaving), the navigation last: a navigation a listener starts
    // anyway (a reload) is replaced by this one, so the browser always reaches WorkOS's logout.
    update({ user: null }, "sign-out", false, true);
    location.assign(leavingTo);
    return leaving();
  }

  /** Calls `callback(auth, {type, remote, leaving})` on sign-in, sign-out, organization switch and refresh, here and in other tabs. */
  function onChange(callback) {
    listeners.add(callback);
    return () => listeners.delete(callback);
  }

  // The tab came back: ask the server whether the session still stands (ended elsewhere, revoked).
  function recheck(now) {
    if (leavingTo || current === undefined || (!now && Date.now() - lastCheck < 2000)) return;
    lastCheck = Date.now();
    getAuth({ force: true }).catch(() => {});
  }

  if (channel) {
    channel.onmessage = (e) => {
      const m = e.data || {};
      if (leavingTo) return;
      if (m.token) {
        const t = decode(m.token);
        if (!fresh(token) || t.expiresAt > token.expiresAt) token = t;
      }
      if (m.tokenStale) token = undefined;
      if (m.auth && current !== undefined) update(m.auth, m.kind, true);
    };
  }
  if (typeof document != "undefined") {
    document.addEventListener("visibilitychange", () => document.visibilityState == "visible" && recheck());
    addEventListener("focus", () => recheck());
  }

  const STYLE = `:host{display:none}:host([active]){display:block;position:var(--authkit-impersonation-position,fixed);
  bottom:0;left:0;right:0;z-index:var(--authkit-impersonation-z-index,2147483000)}
  [part=banner]{display:flex;gap:.75em;align-items:center;justify-content:center;flex-wrap:wrap;padding:.6em 1em;
  font:var(--authkit-impersonation-font,14px/1.4 system-ui,sans-serif);color:var(--authkit-impersonation-color,#1f2328);
  background:var(--authkit-impersonation-background,#fff8c5);border-top:var(--authkit-impersonation-border,1px solid #d4a72c)}
  button{font:inherit;cursor:pointer;padding:.2em .8em;border-radius:4px;border:1px solid currentColor;background:transparent;color:inherit}`;

  /** `<authkit-impersonation return-to="/">`: who is being impersonated, with a button that ends it. */
  const define = () => class AuthKitImpersonation extends HTMLElement {
    connectedCallback() {
      if (!this.shadowRoot) {
        this.attachShadow({ mode: "open" }).innerHTML =
          `<style>${STYLE}</style><div part="banner" role="status"><span part="text"></span><button part="button" type="button">Stop impersonating</button></div>`;
        this.shadowRoot.querySelector("button").onclick = () =>
          signOut({ returnTo: this.getAttribute("return-to") || "/" }).catch((e) => this.fail(e));
      }
      this.off = onChange((auth) => this.render(auth));
      getAuth().then((auth) => this.render(auth), (e) => this.fail(e));
    }
    disconnectedCallback() {
      if (this.off) this.off();
    }
    async render(auth) {
      const who = auth && auth.user && auth.impersonator;
      this.toggleAttribute("active", !!who);
      if (!who) return;
      const text = this.shadowRoot.querySelector("[part=text]");
      const email = document.createElement("strong");
      email.textContent = auth.user.email;
      const parts = ["Impersonating ", email];
      if (auth.organizationId) {
        const org = await call("GET", "/organization", { organizationId: auth.organizationId })
          .then((b) => b.organization, () => null);
        if (current !== auth) return;
        const name = document.createElement("strong");
        name.textContent = org ? org.name : auth.organizationId;
        parts.push(" in ", name);
      }
      parts.push(" as " + auth.impersonator.email + (auth.impersonator.reason ? " (" + auth.impersonator.reason + ")" : ""));
      text.replaceChildren(...parts);
    }
    fail(e) {
      this.dispatchEvent(new CustomEvent("authkit-error", { detail: e, bubbles: true }));
    }
  };
  if (typeof customElements != "undefined" && !customElements.get("authkit-impersonation")) {
    customElements.define("authkit-impersonation", define());
  }

  const api = { AuthKitError, SignedOutError, NetworkError, UnavailableError, RecentSignInRequiredError,
    getAuth, getAccessToken, refresh, switchOrganization, signOut, onChange, ensureRecentSignIn };
  Object.defineProperty(globalThis, SHARED, { value: Object.freeze(api) });
  return api;
}
