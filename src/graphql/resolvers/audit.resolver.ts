import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums';
import { refuse } from '../../errors';
import type { GraphQLContext } from '../context';
import type { AuditEventEntity } from '../../entities';
import { AuditEvent, AuditEventConnection, AuditVerification } from '../types/audit.types';
import { ConnectionShape, DEFAULT_PAGE_SIZE, toConnection } from '../types/pagination';

const MAX_AUDIT_PAGE = 500;

const toAuditEvent = (e: AuditEventEntity): AuditEvent => ({
  ...e,
  before: e.before === null ? null : JSON.stringify(e.before),
  after: e.after === null ? null : JSON.stringify(e.after),
});

@Resolver()
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [AuditEvent], { description: 'Newest first.' })
  async auditLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('targetId', () => String, { nullable: true }) targetId?: string | null,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit = 50,
  ): Promise<AuditEvent[]> {
    if (limit < 1 || limit > MAX_AUDIT_PAGE)
      throw refuse('LIMIT_OUT_OF_RANGE', `limit must be from 1 to ${MAX_AUDIT_PAGE}`, { field: 'limit' });
    const events = await ctx.services.audit.list(targetId ?? null, limit);
    return events.map(toAuditEvent);
  }

  @Authorized(Role.ADMIN)
  @Query(() => AuditEventConnection, { description: 'The audit log in pages, newest first; by target and by action. first: 1 to 200.' })
  async auditLogConnection(
    @Ctx() ctx: GraphQLContext,
    @Arg('targetId', () => String, { nullable: true }) targetId?: string | null,
    @Arg('action', () => String, { nullable: true }) action?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<AuditEvent>> {
    return toConnection(await ctx.services.audit.page({ targetId, action }, { first: first ?? DEFAULT_PAGE_SIZE, after }), toAuditEvent);
  }

  @Authorized(Role.ADMIN)
  @Query(() => AuditVerification, { description: 'Recomputes the hash chain and reports the first altered or missing event.' })
  verifyAuditLog(@Ctx() ctx: GraphQLContext): Promise<AuditVerification> {
    return ctx.services.audit.verify();
  }
}
