import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PlanEntity } from './plan.entity';
import { OrganizationEntity } from './organization.entity';

@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'plan_code', type: 'text' })
  planCode: string;

  @ManyToOne(() => PlanEntity, { eager: false })
  @JoinColumn({ name: 'plan_code' })
  plan?: PlanEntity;

  @OneToOne(() => OrganizationEntity, (o) => o.account)
  organization?: OrganizationEntity | null;

  @Column({ name: 'government_verified', type: 'boolean', nullable: true })
  governmentVerified: boolean | null;

  @Column({ name: 'government_verified_by', type: 'text', nullable: true })
  governmentVerifiedBy: string | null;

  @Column({ name: 'government_verified_at', type: 'timestamptz', nullable: true })
  governmentVerifiedAt: Date | null;

  @Column({ name: 'government_verification_note', type: 'text', nullable: true })
  governmentVerificationNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
