import { admin, TestApp } from './test-app';

/** An audit row as stored (snake_case columns, before/after as JSON values). */
export interface AuditRow {
  action: string;
  actor: string;
  actor_role: string;
  target_type: string;
  target_id: string;
  before: any;
  after: any;
}

/** An audit event as the auditLog query returns it, with before/after parsed. */
export interface AuditEventView {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before: any;
  after: any;
}

/** Audit rows about one target read from the table, oldest first. */
export function auditRowsOf(app: TestApp, targetId: string): Promise<AuditRow[]> {
  return app.dataSource.query(
    'SELECT action, actor, actor_role, target_type, target_id, before, after FROM audit_events WHERE target_id = $1 ORDER BY sequence',
    [targetId],
  );
}

/** Audit events of one target through the API (as an admin), oldest first. */
export async function auditEventsOf(app: TestApp, targetId: string): Promise<AuditEventView[]> {
  const r = await app.exec(
    admin,
    `query($t: String) { auditLog(targetId: $t, limit: 500) { actor action targetType targetId before after } }`,
    { t: targetId },
  );
  if (r.errors) throw new Error(r.errors[0].message);
  return (r.data!.auditLog as any[]).reverse().map((e) => ({
    ...e,
    before: e.before === null ? null : JSON.parse(e.before),
    after: e.after === null ? null : JSON.parse(e.after),
  }));
}

/** How many audit events exist, to show a refused mutation wrote none. */
export async function auditCount(app: TestApp): Promise<number> {
  const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
  return n;
}
