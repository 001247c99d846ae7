import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Entries per catalog kind, kept by triggers on catalog_entries; the catalog list's totalCount reads it. */
@Entity({ name: 'catalog_kind_counts' })
@Check('catalog_kind_counts_entries_check', `entries >= 0`)
export class CatalogKindCountEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'catalog_kind_counts_pkey' })
  kind: string;

  @Column({ type: 'bigint' })
  entries: string;
}
