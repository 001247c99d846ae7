import { Role } from '../domain/enums';
import { refuse } from '../errors';
import type { GraphQLContext } from './context';
import type { SyncAuthChecker } from './sync-resolvers';

/** Roles for each operation are declared with @Authorized; this is the one place they are decided. */
export const authChecker: SyncAuthChecker<GraphQLContext, Role> = ({ context }, roles) =>
  roles.some((role) => context.principal.roles.includes(role));

export const ANY_ROLE = [Role.USER, Role.SERVICE, Role.ADMIN];
export const STAFF = [Role.SERVICE, Role.ADMIN];

export function isStaff(ctx: GraphQLContext): boolean {
  return ctx.principal.roles.includes(Role.SERVICE) || ctx.principal.roles.includes(Role.ADMIN);
}

/** Ownership: staff may act on any account, a user only on its own (its sub is its account id). */
export function canAccessAccount(ctx: GraphQLContext, accountId: string): boolean {
  return isStaff(ctx) || (ctx.principal.roles.includes(Role.USER) && ctx.principal.sub === accountId);
}

export function assertAccountAccess(ctx: GraphQLContext, accountId: string): void {
  if (!canAccessAccount(ctx, accountId)) throw refuse('NOT_OWN_ACCOUNT', 'You may only act on your own account');
}

/** The account a `user` principal acts for (its sub), or null for other roles. */
export function userAccountIdOf(ctx: GraphQLContext): string | null {
  return ctx.principal.roles.includes(Role.USER) ? ctx.principal.sub : null;
}
