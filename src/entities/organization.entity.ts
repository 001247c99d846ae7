import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { OrganizationKind, ProhibitedSector } from '../domain/enums';
import { AccountEntity } from './account.entity';
import { ORG_KINDS, SECTORS } from './check-lists';
import { IndustryEntity } from './industry.entity';

@Entity({ name: 'organizations' })
// Trigram GIN over search_fold(legal_name), owned by migration 1796000003000.
@Index('organizations_legal_name_trgm_idx', { synchronize: false })
@Check('organizations_kind_check', `kind IN (${ORG_KINDS})`)
@Check('organizations_legal_name_check', `length(legal_name) BETWEEN 1 AND 200`)
@Check('organizations_jurisdiction_check', `jurisdiction ~ '^[A-Z]{2}$'`)
@Check('organizations_declared_sectors_check', `declared_sectors <@ ARRAY[${SECTORS}]::text[]`)
export class OrganizationEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'organizations_pkey' })
  accountId: string;

  @OneToOne(() => AccountEntity, (a) => a.organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'organizations_account_id_fkey' })
  account?: AccountEntity;

  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Column({ name: 'legal_name', type: 'text', nullable: true })
  legalName: string | null;

  @Column({ type: 'text', nullable: true })
  jurisdiction: string | null;

  @Column({ name: 'naics_code', type: 'text', nullable: true })
  naicsCode: string | null;

  @ManyToOne(() => IndustryEntity)
  @JoinColumn({ name: 'naics_code', foreignKeyConstraintName: 'organizations_naics_code_fkey' })
  industry?: IndustryEntity | null;

  @Column({ name: 'declared_sectors', type: 'text', array: true, default: () => "'{}'" })
  declaredSectors: ProhibitedSector[];

  @Column({ name: 'performs_public_functions', type: 'boolean', default: false })
  performsPublicFunctions: boolean;

  @Column({ name: 'declared_at', type: 'timestamptz', default: () => 'now()' })
  declaredAt: Date;
}
