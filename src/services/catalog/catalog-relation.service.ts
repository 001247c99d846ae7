import { createHash } from 'node:crypto';
import { CATALOG_TEXT_MAX, characterCount } from '../../domain/screening/catalog-entry-rules';
import { normalizeText } from '../../domain/screening/normalize';
import { refuse } from '../../errors';
import type { Actor } from '../shared/actor';
import { CATALOG_CHANGED_CHANNEL } from './catalog.service';
import { TransactionRunner } from '../../infrastructure/transaction-runner';

export const MAX_RELATIONS_PER_CALL = 50_000;
const INSERT_CHUNK = 5_000;

/** A song title and one of its own performers, as catalog texts. */
export interface CatalogRelationInput {
  title: string;
  artist: string;
}

/**
 * Relations between catalog texts (a title and its own artist), which
 * screening uses as evidence: naming a title with its own artist is a
 * reference. A change bumps the catalog version like any catalog change;
 * processes rebuild their index to take relations in.
 */
export class CatalogRelationService {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * Adds relations; pairs already present (same normalized texts) are skipped.
   *
   * @returns How many were new.
   */
  async add(actor: Actor, relations: readonly CatalogRelationInput[]): Promise<number> {
    if (relations.length > MAX_RELATIONS_PER_CALL) {
      throw refuse('TOO_MANY_CATALOG_ENTRIES', `at most ${MAX_RELATIONS_PER_CALL} relations per call, got ${relations.length}`, {
        field: 'relations',
      });
    }
    const rows = relations.map((r, i) => {
      const title = String(r.title).trim();
      const artist = String(r.artist).trim();
      const nTitle = normalizeText(title);
      const nArtist = normalizeText(artist);
      if (nTitle === '' || nArtist === '' || characterCount(title) > CATALOG_TEXT_MAX || characterCount(artist) > CATALOG_TEXT_MAX) {
        throw refuse(
          'INVALID_CATALOG_ENTRY',
          `relations[${i}]: title and artist must each have a letter or digit and at most ${CATALOG_TEXT_MAX} characters`,
          { field: `relations[${i}]` },
        );
      }
      return { title, artist, key: createHash('sha256').update(`${nTitle}\u0000${nArtist}`).digest('hex') };
    });
    if (rows.length === 0) return 0;
    return this.transactions.run(actor, async (uow) => {
      const [{ version }] = await uow.manager.query('SELECT version FROM catalog_state FOR UPDATE');
      const next = Number(version) + 1;
      let added = 0;
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        const inserted: unknown[] = await uow.manager.query(
          `INSERT INTO catalog_relations (title, artist, pair_key, added_version)
           SELECT u.title, u.artist, decode(u.key, 'hex'), $4
           FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(title, artist, key, n)
           ORDER BY u.n
           ON CONFLICT (pair_key) DO NOTHING
           RETURNING id`,
          [chunk.map((r) => r.title), chunk.map((r) => r.artist), chunk.map((r) => r.key), next],
        );
        added += inserted.length;
      }
      if (added === 0) return 0;
      await uow.manager.query('UPDATE catalog_state SET version = $1', [next]);
      await uow.manager.query('SELECT pg_notify($1, $2)', [CATALOG_CHANGED_CHANNEL, String(next)]);
      uow.record({
        action: 'catalog.relations.add',
        targetType: 'Catalog',
        targetId: 'catalog',
        after: { version: next, requested: relations.length, added },
      });
      return added;
    });
  }
}
