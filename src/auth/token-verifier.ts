import { createRemoteJWKSet, errors as joseErrors, jwtVerify, JWTPayload, JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { Role } from '../domain/enums';
import { refuse } from '../errors';
import { Clock, systemClock } from '../infrastructure/clock';

export interface Principal {
  sub: string;
  /** Known roles only; unknown ones are dropped, so a token with none is forbidden everywhere. */
  roles: Role[];
}

export interface TokenVerifierOptions {
  jwtSecret: string | null;
  jwksUrl: string | null;
  issuer: string | null;
  audience: string | null;
}

const KNOWN_ROLES = new Set<string>(Object.values(Role));
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Verifies bearer JWTs (HS256 shared secret or a JWKS) and turns them into principals. */
export class TokenVerifier {
  // Verified tokens are remembered until they expire: a signature check per
  // request would cost more than the entitlement decision itself.
  private readonly cache = new LRUCache<string, { principal: Principal; exp: number }>({ max: 50_000 });
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(
    private readonly options: TokenVerifierOptions,
    private readonly clock: Clock = systemClock(),
  ) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms = ASYMMETRIC;
    } else if (options.jwtSecret) {
      this.key = new TextEncoder().encode(options.jwtSecret);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('TokenVerifier needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
    }
  }

  /** The principal of a token verified before and still valid now; null when it would have to be verified. */
  cached(token: string): Principal | null {
    const hit = this.cache.get(token);
    return hit !== undefined && hit.exp > this.clock.now().getTime() / 1000 ? hit.principal : null;
  }

  /** Throws an UNAUTHENTICATED DomainError for any token that is not valid now. */
  async verify(token: string): Promise<Principal> {
    const nowSeconds = this.clock.now().getTime() / 1000;
    const hit = this.cache.get(token);
    if (hit && hit.exp > nowSeconds) return hit.principal;
    let payload: JWTPayload;
    try {
      const result = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        issuer: this.options.issuer ?? undefined,
        audience: this.options.audience ?? undefined,
        requiredClaims: ['sub', 'exp'],
      });
      payload = result.payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw refuse('TOKEN_EXPIRED', 'The token has expired');
      throw refuse('TOKEN_INVALID', 'The token is not valid');
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw refuse('TOKEN_WITHOUT_SUBJECT', 'The token has no subject');
    const rawRoles = Array.isArray(payload.roles) ? payload.roles : [];
    const roles = rawRoles.filter((r): r is Role => typeof r === 'string' && KNOWN_ROLES.has(r));
    const principal: Principal = { sub: payload.sub, roles };
    // A token that is not yet valid was rejected above; cache only the valid window.
    this.cache.set(token, { principal, exp: payload.exp as number });
    return principal;
  }
}

/** Extracts the token from an Authorization header; null when absent, throws when malformed. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined || header.trim() === '') return null;
  const match = /^Bearer\s+([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*)\s*$/i.exec(header);
  if (!match) {
    // "Bearer <something that is not a JWT>" is a bad token, not a bad header.
    throw /^Bearer\s+\S+\s*$/i.test(header)
      ? refuse('TOKEN_INVALID', 'The token is not valid')
      : refuse('AUTH_HEADER_MALFORMED', 'The Authorization header must be "Bearer <token>"');
  }
  return match[1];
}
