import type { Principal } from '../auth/token-verifier';
import type { Logger } from '../logger';
import type { Actor } from '../services/shared/actor';
import type { Services } from '../services';
import type { QuotaAnswer } from '../services/quota/quota.service';

export interface GraphQLContext {
  principal: Principal;
  requestId: string;
  services: Services;
  logger: Logger;
  /** What this request spent of its principal's budget (set by the quota plugin; absent with quotas off). */
  quota?: QuotaAnswer;
}

/** The acting principal for audit purposes: its strongest role. */
export function actorOf(ctx: GraphQLContext): Actor {
  const { roles, sub } = ctx.principal;
  const role = roles.includes('admin' as never) ? 'admin' : roles.includes('service' as never) ? 'service' : 'user';
  return { sub, role: role as Actor['role'], requestId: ctx.requestId };
}
