import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CatalogKind } from '../domain/enums';

@Entity({ name: 'catalog_entries' })
@Unique('catalog_entries_normalized_unique', ['kind', 'textKey'])
@Index('catalog_entries_kind_id_idx', ['kind', 'id'])
export class CatalogEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  kind: CatalogKind;

  @Column({ type: 'text' })
  text: string;

  /** SHA-256 of the normalized text: entries of one kind that normalize alike are one entry. */
  @Column({ name: 'text_key', type: 'bytea' })
  textKey: Buffer;

  /** The catalog version whose change added the entry; processes apply changes since the version they hold. */
  @Index('catalog_entries_added_version_idx')
  @Column({ name: 'added_version', type: 'bigint' })
  addedVersion: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
