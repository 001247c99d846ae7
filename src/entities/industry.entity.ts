import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProhibitedSector } from '../domain/enums';

@Entity({ name: 'industries' })
export class IndustryEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @Column({ name: 'prohibited_sector', type: 'text', nullable: true })
  prohibitedSector: ProhibitedSector | null;

  @Column({ name: 'government_sector', type: 'boolean' })
  governmentSector: boolean;
}
