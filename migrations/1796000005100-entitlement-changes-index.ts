import { MigrationInterface, QueryRunner } from 'typeorm';

// Replay of entitlement.changed from a cursor (entitlementChanges, entitlementChanged
// with `after`): every event after an id, and one account's events after an id,
// each an index range scan however many other events the outbox holds.
export class EntitlementChangesIndex1796000005100 implements MigrationInterface {
  name = 'EntitlementChangesIndex1796000005100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "webhook_events_entitlement_idx" ON "webhook_events" ("id") WHERE type = 'entitlement.changed'`);
    await q.query(
      `CREATE INDEX "webhook_events_entitlement_account_idx" ON "webhook_events" ("account_id", "id") WHERE type = 'entitlement.changed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "webhook_events_entitlement_account_idx"`);
    await q.query(`DROP INDEX "webhook_events_entitlement_idx"`);
  }
}
