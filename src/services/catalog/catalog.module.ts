import { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { ChangeListener } from '../../infrastructure/change-listener';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import type { Logger } from '../../logger';
import { CatalogRelationService } from './catalog-relation.service';
import { CatalogService } from './catalog.service';
import { ScreeningService } from './screening.service';

/** Exactly what the catalog and prompt screening (10(c)) need. */
export interface CatalogDependencies {
  dataSource: DataSource;
  transactions: TransactionRunner;
  changeListener: ChangeListener;
  logger: Logger;
  config: Pick<Config, 'lyricsMinWords'>;
}

export interface CatalogServices {
  catalog: CatalogService;
  catalogRelations: CatalogRelationService;
  screening: ScreeningService;
}

export function createCatalog(deps: CatalogDependencies): CatalogServices {
  const catalog = new CatalogService(deps.dataSource, deps.transactions);
  const screening = new ScreeningService(deps.dataSource, {
    lyricsMinWords: deps.config.lyricsMinWords,
    logger: deps.logger,
    changes: deps.changeListener,
  });
  // A catalog mutation returns only once this process screens with it.
  catalog.onChanged(() => screening.refresh());
  catalog.screenDescriptionsWith((text) => screening.blockedEntries(text));
  return { catalog, catalogRelations: new CatalogRelationService(deps.transactions), screening };
}
