import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A budget an admin set for one principal, in place of its role's or plan's. */
@Entity({ name: 'quota_overrides' })
@Check('quota_overrides_points_check', `points > 0`)
@Check('quota_overrides_window_s_check', `window_s BETWEEN 1 AND 86400`)
@Check('quota_overrides_note_check', `length(note) <= 500`)
export class QuotaOverrideEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'quota_overrides_pkey' })
  principal: string;

  @Column({ type: 'integer' })
  points: number;

  @Column({ name: 'window_s', type: 'integer' })
  windowS: number;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'set_by', type: 'text' })
  setBy: string;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt: Date;
}
