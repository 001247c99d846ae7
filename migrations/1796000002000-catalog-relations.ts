import { MigrationInterface, QueryRunner } from 'typeorm';

// Relations between catalog texts that name one work: a song title and one of
// its own performers. Screening counts a title named together with its own
// artist as a reference. Texts, not entry ids: a relation can be loaded before
// or after its entries and survives an entry being removed and added again.
// added_version lets a process see that relations changed since its version.
export class CatalogRelations1796000002000 implements MigrationInterface {
  name = 'CatalogRelations1796000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog_relations (
        id bigserial CONSTRAINT catalog_relations_pkey PRIMARY KEY,
        title text NOT NULL CONSTRAINT catalog_relations_title_check CHECK (length(title) BETWEEN 1 AND 20000),
        artist text NOT NULL CONSTRAINT catalog_relations_artist_check CHECK (length(artist) BETWEEN 1 AND 20000),
        pair_key bytea NOT NULL CONSTRAINT catalog_relations_pair_key_sha256 CHECK (octet_length(pair_key) = 32),
        added_version bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT catalog_relations_pair_unique UNIQUE (pair_key)
      )`);
    await q.query(`CREATE INDEX catalog_relations_added_version_idx ON catalog_relations (added_version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog_relations`);
  }
}
