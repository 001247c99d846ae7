import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'policy_clauses' })
export class PolicyClauseEntity {
  @PrimaryColumn({ type: 'text' })
  clause: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'integer' })
  position: number;
}
