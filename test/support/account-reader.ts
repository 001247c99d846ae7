import 'reflect-metadata';
import { execute, GraphQLSchema, parse } from 'graphql';
import { Arg, Authorized, Ctx, ID, Query, Resolver, buildSchemaSync } from 'type-graphql';
import type { Principal } from '../../src/auth/token-verifier';
import { AccountEntity } from '../../src/entities';
import { DomainError } from '../../src/errors';
import { ANY_ROLE, authChecker } from '../../src/graphql/auth-checker';
import type { GraphQLContext } from '../../src/graphql/context';
import { resolvers } from '../../src/graphql/resolvers';
import { Account } from '../../src/graphql/types/account.types';
import '../../src/graphql/types/enums';
import type { TestApp } from './test-app';

// Query.account is built on another branch. Until it lands, tests read Account
// fields through this test-only root field, on a schema of their own that has
// every real resolver plus this one; the Account field resolvers run unchanged.
@Resolver()
class TestAccountQuery {
  @Authorized(ANY_ROLE)
  @Query(() => Account, { nullable: true })
  testAccount(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<AccountEntity | null> {
    return ctx.services.dataSource.getRepository(AccountEntity).findOneBy({ id });
  }
}

let schema: GraphQLSchema | null = null;

export interface AccountRead {
  account: Record<string, any> | null;
  code: string | undefined;
}

/** Reads `{ testAccount(id) { <fields> } }` as the principal; code is the first error's domain code. */
export async function readAccount(app: TestApp, principal: Principal, id: string, fields: string): Promise<AccountRead> {
  schema ??= buildSchemaSync({
    resolvers: [...resolvers, TestAccountQuery] as unknown as [Function, ...Function[]],
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
  });
  const contextValue = { principal, requestId: 'test-read', services: app.services, logger: undefined as never };
  const result = await execute({ schema, document: parse(`query($id: ID!) { testAccount(id: $id) { ${fields} } }`), variableValues: { id }, contextValue });
  const original = result.errors?.[0]?.originalError;
  const code = original instanceof DomainError ? original.code : original ? original.constructor.name : undefined;
  return { account: (result.data?.testAccount as Record<string, any> | null) ?? null, code };
}
