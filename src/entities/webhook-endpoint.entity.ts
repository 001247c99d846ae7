import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'webhook_endpoints' })
@Check('webhook_endpoints_url_check', `length(url) BETWEEN 1 AND 2048`)
@Check('webhook_endpoints_description_check', `length(description) <= 500`)
@Check('webhook_endpoints_event_types_check', `cardinality(event_types) > 0`)
@Check('webhook_endpoints_secret_check', `secret LIKE 'whsec_%'`)
@Check('webhook_endpoints_previous_secret_check', `(previous_secret IS NULL) = (previous_secret_expires_at IS NULL)`)
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'webhook_endpoints_pkey' })
  id: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes: string[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Needed in clear to sign; never returned after creation or rotation. */
  @Column({ type: 'text' })
  secret: string;

  /** The secret before the last rotation, still signed with until previousSecretExpiresAt. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
