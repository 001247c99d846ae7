// Sign-in: OpenID Connect (authorization code + PKCE) when the server names an
// issuer, else a development token from `npm run token`. Tokens live in memory
// only; the PKCE state survives the redirect in sessionStorage (it is no token).
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';

export interface ConsoleConfig {
  mode: 'oidc' | 'dev';
  issuer: string | null;
  clientId: string | null;
  scopes: string;
  resource: string | null;
}

export interface Session {
  token: string;
  sub: string;
  roles: string[];
  expiresAt: number | null;
  via: 'oidc' | 'dev';
}

const CALLBACK_PATH = '/admin/callback';

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/admin/config.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`The console configuration could not be loaded (HTTP ${res.status})`);
  return (await res.json()) as ConsoleConfig;
}

/** Reads a JWT's claims without verifying it: the API verifies every request. */
export function claimsOf(token: string): Record<string, unknown> | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A session for an admin token, or the reason the token cannot sign in. */
export function sessionFor(token: string, via: Session['via']): Session | string {
  const claims = claimsOf(token);
  if (!claims) return 'That is not a token (expected a JWT: three dot-separated parts).';
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  const exp = typeof claims.exp === 'number' ? claims.exp : null;
  if (exp !== null && exp * 1000 <= Date.now()) return 'The token has expired.';
  if (typeof claims.sub !== 'string' || claims.sub === '') return 'The token has no subject.';
  if (!roles.includes('admin')) return 'Only admins may use the console: the token has no admin role.';
  return { token: token.trim(), sub: claims.sub, roles, expiresAt: exp === null ? null : exp * 1000, via };
}

let manager: UserManager | null = null;

function userManager(config: ConsoleConfig): UserManager {
  if (!config.issuer || !config.clientId) throw new Error('OpenID Connect is not configured');
  manager ??= new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${window.location.origin}/admin/`,
    response_type: 'code',
    scope: config.scopes,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    loadUserInfo: false,
    ...(config.resource ? { extraQueryParams: { resource: config.resource }, extraTokenParams: { resource: config.resource } } : {}),
  });
  return manager;
}

export function isCallback(): boolean {
  return window.location.pathname === CALLBACK_PATH;
}

export async function startOidcSignIn(config: ConsoleConfig): Promise<void> {
  await userManager(config).signinRedirect();
}

/** Completes the redirect back from the provider; the access token is what the API checks. */
export async function finishOidcSignIn(config: ConsoleConfig): Promise<Session | string> {
  const user = await userManager(config).signinRedirectCallback();
  window.history.replaceState(null, '', '/admin/');
  return sessionFor(user.access_token, 'oidc');
}

export async function signOutOidc(config: ConsoleConfig): Promise<void> {
  if (manager) await manager.removeUser();
  void config;
}
