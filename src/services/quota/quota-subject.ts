import type { Principal } from '../../auth/token-verifier';
import { Role } from '../../domain/enums';

/** Whose budget a request spends, and which role's defaults apply. */
export interface QuotaSubject {
  /** `account:<id>` for user tokens, `service:<sub>` / `admin:<sub>` for staff, `none:<sub>` for a token with no known role. */
  key: string;
  role: Role | 'none';
  /** The account a user token acts for: its plan decides the budget. */
  accountId: string | null;
}

const KEY = /^(account|service|admin|none):(.{1,200})$/s;

/** The strongest role decides: a token that is both admin and service spends the admin budget. */
export function quotaSubjectOf(principal: Principal): QuotaSubject {
  const { roles, sub } = principal;
  if (roles.includes(Role.ADMIN)) return { key: `admin:${sub}`, role: Role.ADMIN, accountId: null };
  if (roles.includes(Role.SERVICE)) return { key: `service:${sub}`, role: Role.SERVICE, accountId: null };
  if (roles.includes(Role.USER)) return { key: `account:${sub}`, role: Role.USER, accountId: sub };
  return { key: `none:${sub}`, role: 'none', accountId: null };
}

/** A principal key as an admin types it (`account:<id>`, `service:<sub>`, `admin:<sub>`), or null when it is none. */
export function parseQuotaKey(key: string): QuotaSubject | null {
  const match = KEY.exec(key);
  if (!match) return null;
  const [, kind, sub] = match;
  if (kind === 'account') return { key, role: Role.USER, accountId: sub };
  if (kind === 'none') return { key, role: 'none', accountId: null };
  return { key, role: kind as Role, accountId: null };
}
