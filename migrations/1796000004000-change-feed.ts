import { MigrationInterface, QueryRunner } from 'typeorm';

// The change feed: the transactional outbox (webhook_events), endpoints, one
// delivery per event and endpoint with its attempts, and the last announced
// entitlement state per account. The job queue (graphile-worker) keeps its own
// schema, graphile_worker, installed by the library at start-up.
export class ChangeFeed1796000004000 implements MigrationInterface {
  name = 'ChangeFeed1796000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "entitlement_states" ("account_id" uuid NOT NULL, "decisions" jsonb NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "entitlement_states_pkey" PRIMARY KEY ("account_id"))',
    );
    await q.query(
      'CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" text NOT NULL, "description" text NOT NULL DEFAULT \'\', "event_types" text array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "secret" text NOT NULL, "previous_secret" text, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_endpoints_previous_secret_check" CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL)), CONSTRAINT "webhook_endpoints_secret_check" CHECK (secret LIKE \'whsec_%\'), CONSTRAINT "webhook_endpoints_event_types_check" CHECK (cardinality(event_types) > 0), CONSTRAINT "webhook_endpoints_description_check" CHECK (length(description) <= 500), CONSTRAINT "webhook_endpoints_url_check" CHECK (length(url) BETWEEN 1 AND 2048), CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id"))',
    );
    await q.query(
      "CREATE TABLE \"webhook_events\" (\"id\" BIGSERIAL NOT NULL, \"message_id\" uuid NOT NULL, \"type\" text NOT NULL, \"account_id\" uuid, \"payload\" jsonb NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"webhook_events_message_id_key\" UNIQUE (\"message_id\"), CONSTRAINT \"webhook_events_type_check\" CHECK (type IN ('account.created','account.plan_changed','organization.declared','authorization.granted','authorization.revoked','suspension.created','suspension.lifted','report.filed','report.resolved','appeal.filed','appeal.decided','policy.published','policy.accepted','entitlement.changed')), CONSTRAINT \"webhook_events_pkey\" PRIMARY KEY (\"id\"))",
    );
    await q.query(
      'CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "event_id" bigint NOT NULL, "status" text NOT NULL DEFAULT \'PENDING\', "attempts" integer NOT NULL DEFAULT \'0\', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "first_attempt_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_response_status" integer, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_deliveries_once" UNIQUE ("endpoint_id", "event_id"), CONSTRAINT "webhook_deliveries_attempts_check" CHECK (attempts >= 0), CONSTRAINT "webhook_deliveries_status_check" CHECK (status IN (\'PENDING\',\'DELIVERED\',\'DEAD\')), CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "webhook_deliveries_event_idx" ON "webhook_deliveries" ("event_id") ');
    await q.query('CREATE INDEX "webhook_deliveries_queue_idx" ON "webhook_deliveries" ("endpoint_id", "status", "event_id") ');
    await q.query(
      'CREATE TABLE "webhook_attempts" ("id" BIGSERIAL NOT NULL, "delivery_id" uuid NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "response_status" integer, "error" text, CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" ("delivery_id") ');
    await q.query(
      'ALTER TABLE "entitlement_states" ADD CONSTRAINT "entitlement_states_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "webhook_attempts"');
    await q.query('DROP TABLE "webhook_deliveries"');
    await q.query('DROP TABLE "webhook_events"');
    await q.query('DROP TABLE "webhook_endpoints"');
    await q.query('DROP TABLE "entitlement_states"');
  }
}
