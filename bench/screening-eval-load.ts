// The catalog into a running service layer the way production fills it: the
// CSV through the import service, title–performer relations through the
// relation service, then the screening service builds its index from the
// database. The evaluation's only dependency on where those services live.

import type { Readable } from 'node:stream';
import type { Services } from '../src/services';
import { SYSTEM_ACTOR } from '../src/services/shared/actor';
import { CatalogImportReport, importCatalogCsv } from '../src/services/catalog/catalog-import';
import { MAX_RELATIONS_PER_CALL } from '../src/services/catalog/catalog-relation.service';

export interface LoadedCatalog {
  imported: CatalogImportReport;
  relationsAdded: number;
}

export async function loadCatalog(
  services: Services,
  catalogCsv: Readable,
  relations: ReadonlyArray<{ title: string; artist: string }>,
): Promise<LoadedCatalog> {
  const imported = await importCatalogCsv(services.catalog, SYSTEM_ACTOR, catalogCsv);
  let relationsAdded = 0;
  for (let i = 0; i < relations.length; i += MAX_RELATIONS_PER_CALL) {
    relationsAdded += await services.catalogRelations.add(SYSTEM_ACTOR, relations.slice(i, i + MAX_RELATIONS_PER_CALL));
  }
  return { imported, relationsAdded };
}

/**
 * Builds the screening index from the database: the screening service only.
 * The job worker and the change listener have nothing to do in an evaluation,
 * and minutes of back-to-back screening would starve their connections.
 */
export async function buildScreeningIndex(services: Services): Promise<void> {
  await services.screening.start();
}
