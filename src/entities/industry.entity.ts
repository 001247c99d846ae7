import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProhibitedSector } from '../domain/enums';
import { SECTORS } from './check-lists';

@Entity({ name: 'industries' })
@Check('industries_code_check', `code ~ '^([0-9]{2}(-[0-9]{2})?|[0-9]{3,6})$'`)
@Check('industries_prohibited_sector_check', `prohibited_sector IN (${SECTORS})`)
@Index('industries_parent_idx', ['parentCode'])
// Trigram GIN over search_fold(title) for the typeahead, owned by migration 1796000003000.
@Index('industries_title_trgm_idx', { synchronize: false })
export class IndustryEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'industries_pkey' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @ManyToOne(() => IndustryEntity)
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'industries_parent_code_fkey' })
  parent?: IndustryEntity | null;

  @Column({ name: 'prohibited_sector', type: 'text', nullable: true })
  prohibitedSector: ProhibitedSector | null;

  @Column({ name: 'government_sector', type: 'boolean', default: false })
  governmentSector: boolean;
}
