import { Role } from '../../domain/enums';

/** Who is acting, for the audit log and for four-eyes rules. */
export interface Actor {
  sub: string;
  role: Role | 'system';
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { sub: 'system', role: 'system', requestId: null };
