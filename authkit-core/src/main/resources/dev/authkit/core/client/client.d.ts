// Types of authkit-java's browser client, served at /auth/client.d.ts next to /auth/client.js.

/** A WorkOS user as authkit's JSON API shows it. */
export interface User {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  emailVerified: boolean;
  profilePictureUrl: string | null;
  [field: string]: unknown;
}

/** Who started an impersonation, and why. */
export interface Impersonator {
  email: string;
  reason: string | null;
}

/** The session as page code sees it: everything but the access token. Signed out: `{ user: null }`. */
export type Auth =
  | {
      user: User;
      sessionId: string;
      organizationId: string | null;
      role: string | null;
      roles: string[];
      permissions: string[];
      entitlements: string[];
      featureFlags: string[];
      impersonator: Impersonator | null;
    }
  | { user: null };

/** What changed: a sign-in, a sign-out, a move into another organization, or a refresh of the same session. */
export interface ChangeEvent {
  type: "sign-in" | "sign-out" | "organization-switch" | "refresh";
  /** True when the change happened in another tab of this origin. */
  remote: boolean;
  /** True when this page is already navigating away (its own sign-out): do not navigate or reload in response. */
  leaving: boolean;
}

/** Every rejection of this module. `code` is stable; `message` is for people. */
export class AuthKitError extends Error {
  /**
   * `signed_out`, `network_error`, `unavailable`, `refresh_failed`, `bad_response`, `missing_organization_id`,
   * `not_configured` (the API route is off), or the API's own `error` (e.g. `organization_membership_required`).
   */
  readonly code: string;
  /** HTTP status of the answer; 0 when there was none. */
  readonly status: number | undefined;
  /** Seconds to wait before trying again, when the server said so. */
  readonly retryAfter: number | undefined;
}
/** No session (never signed in, signed out, or ended). */
export class SignedOutError extends AuthKitError {}
/** The server could not be reached. */
export class NetworkError extends AuthKitError {}
/** authkit or WorkOS is down for now (5xx, 408, 429); see `retryAfter`. */
export class UnavailableError extends AuthKitError {}

/** A page or API needs a more recent sign-in (code `recent_sign_in_required`, RFC 9470); navigate to `signInUrl` to step up. */
export class RecentSignInRequiredError extends AuthKitError {
  readonly maxAge?: number;
  readonly signInUrl?: string;
}

/** Resolves with the session when the user signed in at most `maxAgeSeconds` ago; otherwise sends the page through sign-in with `max_age` and back (the promise never settles). */
export function ensureRecentSignIn(maxAgeSeconds: number): Promise<Auth>;

/**
 * The current auth (cached after the first call; `force` asks the server again). With
 * `ensureSignedIn` and no session, the page goes to sign-in and comes back here; the promise then never settles.
 */
export function getAuth(options?: { ensureSignedIn?: boolean; force?: boolean }): Promise<Auth>;

/** An access token valid for at least 30 more seconds; one refresh is shared by all callers and all tabs. */
export function getAccessToken(): Promise<string>;

/** Refreshes the session now, into `organizationId` when given. Follows a sign-in WorkOS requires. */
export function refresh(options?: { organizationId?: string }): Promise<Auth>;

/**
 * Moves the session into another organization. When WorkOS requires SSO or MFA for it, the page goes to that
 * sign-in and returns to `returnTo` (default: this page); the promise then never settles.
 */
export function switchOrganization(organizationId: string, options?: { returnTo?: string }): Promise<Auth>;

/**
 * Signs out here and at WorkOS, tells the other tabs, and goes to `returnTo` (default "/"). Never settles.
 * `everywhere: true` first revokes every session of the user (other browsers and devices end at their next request).
 */
export function signOut(options?: { returnTo?: string; everywhere?: boolean }): Promise<never>;

/** Calls `callback` on every change of the session, in this tab and in the others. Returns the unsubscribe function. */
export function onChange(callback: (auth: Auth, event: ChangeEvent) => void): () => void;

declare global {
  interface HTMLElementTagNameMap {
    /**
     * Shows who is being impersonated (and in which organization) with a "Stop impersonating" button that signs
     * out; nothing otherwise. Attribute `return-to` (default "/"). Style with `::part(banner|text|button)` and
     * `--authkit-impersonation-{background,color,font,border,position,z-index}`. Dispatches `authkit-error`.
     */
    "authkit-impersonation": HTMLElement;
  }
}
