import { randomUUID } from 'node:crypto';
import { TestApp, service } from './test-app';

export const ACCOUNT_FIELDS = `id email displayName createdAt plan { code name commercialUse } governmentEntity acceptedPolicyVersion
  organization { kind legalName jurisdiction declaredSectors performsPublicFunctions declaredAt industry { code title governmentSector prohibitedSector } }
  policyAcceptances { version acceptedAt }`;

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id email displayName plan { code } } }`;

/** A fresh account with a unique email; returns its id. */
export async function makeAccount(app: TestApp, over: { email?: string; displayName?: string; planCode?: string } = {}): Promise<string> {
  const input = { email: over.email ?? `user-${randomUUID()}@example.com`, displayName: over.displayName ?? 'Someone', ...(over.planCode ? { planCode: over.planCode } : {}) };
  const r = await app.exec(service, CREATE, { input });
  if (r.errors) throw new Error(`createAccount failed: ${JSON.stringify(r.errors)}`);
  return r.data!.createAccount.id;
}

export interface AuditRow {
  action: string;
  actor: string;
  actor_role: string;
  target_type: string;
  target_id: string;
  before: any;
  after: any;
}

/** Audit events about one target, oldest first. */
export function auditOf(app: TestApp, targetId: string): Promise<AuditRow[]> {
  return app.dataSource.query(
    'SELECT action, actor, actor_role, target_type, target_id, before, after FROM audit_events WHERE target_id = $1 ORDER BY sequence',
    [targetId],
  );
}

export async function auditCount(app: TestApp): Promise<number> {
  const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
  return n;
}
