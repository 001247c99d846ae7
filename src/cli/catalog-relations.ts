import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolveRuntime } from '../bootstrap';
import { ConfigError, loadConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { createLogger } from '../logger';
import { createServices } from '../services';
import type { Actor } from '../services/shared/actor';
import { MAX_RELATIONS_PER_CALL } from '../services/catalog/catalog-relation.service';

const ACTOR: Actor = { sub: 'catalog-relations', role: 'system', requestId: null };
// A chart credit names several performers: split as catalog imports split them.
const CREDIT_SEPARATORS = /\s*(?:,|&|\bfeaturing\b|\bfeat\.?|\bft\.?|\bwith\b|\bx\b|\band\b|\/)\s*/i;

// npm run catalog:relations -- pairs.json
// Reads [{ "title": ..., "artist": ... }] (an artist credit may name several
// performers: "A featuring B & C") and stores one title–performer relation per
// performer. Screening counts a title named with its own artist as a reference;
// running servers rebuild their index to take new relations in.
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new Error('usage: npm run catalog:relations -- <pairs.json>');
  const pairs: Array<{ title?: unknown; artist?: unknown }> = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(pairs)) throw new Error('the file must hold a JSON array of { title, artist }');
  const relations: Array<{ title: string; artist: string }> = [];
  let skipped = 0;
  pairs.forEach((pair, i) => {
    if (typeof pair?.title !== 'string' || typeof pair?.artist !== 'string' || !pair.title.trim() || !pair.artist.trim()) {
      if (skipped++ < 100) process.stderr.write(`item ${i}: title and artist must be non-empty strings\n`);
      return;
    }
    for (const performer of pair.artist.split(CREDIT_SEPARATORS).filter((p) => p.trim() !== ''))
      relations.push({ title: pair.title, artist: performer });
  });
  const baseConfig = loadConfig();
  const logger = createLogger(baseConfig.logLevel === 'silent' ? 'silent' : 'warn');
  const { config, databaseUrl, embedded } = await resolveRuntime(baseConfig, logger);
  const dataSource = createDataSource({ url: databaseUrl, applicationName: 'entitlement-api-catalog-relations' });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const services = createServices(dataSource, config, logger);
    let added = 0;
    for (let i = 0; i < relations.length; i += MAX_RELATIONS_PER_CALL) {
      added += await services.catalogRelations.add(ACTOR, relations.slice(i, i + MAX_RELATIONS_PER_CALL));
    }
    process.stdout.write(
      `${file}: ${pairs.length} pairs, ${relations.length} title–performer relations, ${added} added, ${skipped} bad items skipped\n`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (embedded) await embedded.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? 'configuration error: ' : ''}${error?.message ?? String(error)}\n`);
  process.exit(1);
});
