import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A song title and one of its own performers, as texts (see migration 1796000002000). */
@Entity({ name: 'catalog_relations' })
@Unique('catalog_relations_pair_unique', ['pairKey'])
@Check('catalog_relations_title_check', `length(title) BETWEEN 1 AND 20000`)
@Check('catalog_relations_artist_check', `length(artist) BETWEEN 1 AND 20000`)
@Check('catalog_relations_pair_key_sha256', `octet_length(pair_key) = 32`)
export class CatalogRelationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'catalog_relations_pkey' })
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  artist: string;

  /** SHA-256 of the normalized title and artist: one row per pair however it is written. */
  @Column({ name: 'pair_key', type: 'bytea' })
  pairKey: Buffer;

  @Index('catalog_relations_added_version_idx')
  @Column({ name: 'added_version', type: 'bigint' })
  addedVersion: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
