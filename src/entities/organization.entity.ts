import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { OrganizationKind, ProhibitedSector } from '../domain/enums';
import { AccountEntity } from './account.entity';
import { IndustryEntity } from './industry.entity';

@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @OneToOne(() => AccountEntity, (a) => a.organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
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
  @JoinColumn({ name: 'naics_code' })
  industry?: IndustryEntity | null;

  @Column({ name: 'declared_sectors', type: 'text', array: true, default: () => "'{}'" })
  declaredSectors: ProhibitedSector[];

  @Column({ name: 'performs_public_functions', type: 'boolean', default: false })
  performsPublicFunctions: boolean;

  @Column({ name: 'declared_at', type: 'timestamptz' })
  declaredAt: Date;
}
