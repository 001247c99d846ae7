import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CatalogKind, ScreeningOverride } from '../domain/enums';
import { CATALOG_KINDS, SCREENING_OVERRIDES } from './check-lists';

@Entity({ name: 'catalog_entries' })
@Unique('catalog_entries_normalized_unique', ['kind', 'textKey'])
@Check('catalog_entries_kind_check', `kind IN (${CATALOG_KINDS})`)
@Check('catalog_entries_text_check', `length(text) BETWEEN 1 AND 20000`)
@Check('catalog_entries_text_key_sha256', `octet_length(text_key) = 32`)
@Check('catalog_entries_screening_override_check', `screening_override IN (${SCREENING_OVERRIDES})`)
@Check(
  'catalog_entries_describe_as_check',
  `describe_as IS NULL OR (length(describe_as) BETWEEN 1 AND 200 AND describe_as = btrim(describe_as) AND describe_as !~ '[[:cntrl:]]')`,
)
@Index('catalog_entries_kind_id_idx', ['kind', 'id'])
// A GIN trigram index (pg_trgm) that @Index cannot express; the migration defines it.
@Index('catalog_entries_search_trgm_idx', { synchronize: false })
export class CatalogEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'catalog_entries_pkey' })
  id: string;

  @Column({ type: 'text' })
  kind: CatalogKind;

  @Column({ type: 'text' })
  text: string;

  /** The normalized text (lowercase, no diacritics, single spaces) that the catalog search matches. */
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  /** SHA-256 of the normalized text: entries of one kind that normalize alike are one entry. */
  @Column({ name: 'text_key', type: 'bytea' })
  textKey: Buffer;

  /** The catalog version whose change added the entry; processes apply changes since the version they hold. */
  @Index('catalog_entries_added_version_idx')
  @Column({ name: 'added_version', type: 'bigint' })
  addedVersion: string;

  /** An admin's override of the screening rules for this entry. */
  @Column({ name: 'screening_override', type: 'text', default: ScreeningOverride.AUTO })
  screeningOverride: ScreeningOverride;

  /** The catalog version whose change last set the override; NULL while it never changed. */
  @Index('catalog_entries_override_version_idx', { where: 'override_version IS NOT NULL' })
  @Column({ name: 'override_version', type: 'bigint', nullable: true })
  overrideVersion: string | null;

  /** What a blocked prompt's suggestion puts in place of a reference to this entry ("glam rock with operatic vocals"); NULL: none. */
  @Column({ name: 'describe_as', type: 'text', nullable: true })
  describeAs: string | null;

  /** The catalog version whose change last set describe_as; NULL while it never changed. */
  @Index('catalog_entries_describe_as_version_idx', { where: 'describe_as_version IS NOT NULL' })
  @Column({ name: 'describe_as_version', type: 'bigint', nullable: true })
  describeAsVersion: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
