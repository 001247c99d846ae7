import type { Principal } from '../../src/auth/token-verifier';
import type { TestApp } from './test-app';

export interface AccountRead {
  account: Record<string, any> | null;
  code: string | undefined;
  reason: string | undefined;
}

/** Reads `{ account(id) { <fields> } }` as the principal; code and reason are the first error's. */
export async function readAccount(app: TestApp, principal: Principal, id: string, fields: string): Promise<AccountRead> {
  const result = await app.exec(principal, `query($id: ID!) { account(id: $id) { ${fields} } }`, { id });
  const error = result.errors?.[0];
  return {
    account: (result.data?.account as Record<string, any> | null) ?? null,
    code: error?.extensions?.code,
    reason: error?.extensions?.reason,
  };
}
