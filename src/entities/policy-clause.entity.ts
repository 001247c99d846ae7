import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

@Entity({ name: 'policy_clauses' })
@Unique('policy_clauses_position_key', ['position'])
export class PolicyClauseEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'policy_clauses_pkey' })
  clause: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'integer' })
  position: number;
}
