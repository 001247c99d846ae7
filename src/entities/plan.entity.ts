import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'plans' })
@Check('plans_code_check', `code ~ '^[a-z][a-z0-9_-]{0,31}$'`)
@Check('plans_name_check', `length(name) BETWEEN 1 AND 100`)
export class PlanEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'plans_pkey' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'commercial_use', type: 'boolean' })
  commercialUse: boolean;
}
