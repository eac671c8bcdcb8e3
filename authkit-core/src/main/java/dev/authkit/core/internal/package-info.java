/**
 * Implementation details of authkit-core, laid out as the stages a request meets. Not an API:
 * anything here may change in any release, and no module but the core imports it.
 *
 * <pre>
 * AuthKit.handle(request)             facade (dev.authkit.core): wires the {@link dev.authkit.core.internal.Stages}, holds no logic
 *   └─ {@link dev.authkit.core.internal.Pipeline}                       one method, top to bottom
 *        1 request   RequestContext: method, origin, raw / canonical / application path, query, cookies, parsed once
 *        2 policy    PathPolicy refuses ambiguous raw paths (400); RouteRules: public globs, sign-up globs
 *        3 routes    BuiltInRoutes (client files, callback, sign-in, sign-up, sign-out); ApiRoutes (JSON API,
 *                    answered after 5 and 6 with the resolved session)
 *        4 bearer    BearerTokens (Authorization: Bearer access tokens); ApiKeys
 *        5 session   SessionReader: the only reader of the session cookie; Fresh | Stale | None | Broken
 *        6 refresh   SessionRefresh when due, through Refresher and the RefreshCoordination; ExplicitRefresh
 *        7 decision  Decisions: route protection, AccessRule evaluation, sign-in required, forbidden, unavailable
 *        8 outcome   Outcomes (cache headers, merging), ErrorPages (with their Problem), CookieFactory
 *   side rooms: flow (sign-in, callback, sign-out, return targets), crypto (Iron, JWT, hashes), cache,
 *               workos (SDK client, failure meaning), events (decision log), config (configuration checks)
 * </pre>
 *
 * <p>Rules that keep it so: a stage hands values on and never calls back up; only the facades
 * ({@code AuthKit}, {@code AuthFlow}, {@code SessionManager}) construct and wire, and nothing here
 * imports them; each rule has one home (URL and origin checks in {@code request.HttpUrls}, cache
 * headers in {@code outcome.Outcomes}, organization carry-over in {@code refresh.Refresher}).
 * A stage calls {@code RequestContext.mayBlock()} before any step that may block (WorkOS, the
 * JWKS, a store or revocation list that is not {@code nonBlocking()}) and before that step's
 * first side effect, so that {@code Pipeline.handleWithoutBlocking} (a reactive adapter's event
 * loop) declines having done nothing. {@code ArchitectureTest} pins these rules.
 */
package dev.authkit.core.internal;
