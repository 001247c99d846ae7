import { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Clock } from '../../infrastructure/clock';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import type { ReferenceService } from '../policy/reference.service';
import { AccountSearchService } from './account-search.service';
import { AccountService } from './account.service';
import { OrganizationService } from './organization.service';
import { SignalService } from './signal.service';

/** Exactly what accounts, organizations and their signals (9(n)) need. */
export interface AccountsDependencies {
  dataSource: DataSource;
  transactions: TransactionRunner;
  reference: ReferenceService;
  clock: Clock;
  config: Pick<Config, 'signalHashKey'>;
}

export interface AccountsServices {
  accounts: AccountService;
  accountSearch: AccountSearchService;
  organizations: OrganizationService;
  signals: SignalService;
}

export function createAccounts(deps: AccountsDependencies): AccountsServices {
  const { dataSource, transactions, clock } = deps;
  const signals = new SignalService(dataSource, transactions, deps.config.signalHashKey, clock);
  return {
    accounts: new AccountService(dataSource, transactions, deps.reference, signals),
    accountSearch: new AccountSearchService(dataSource, clock),
    organizations: new OrganizationService(dataSource, transactions, clock),
    signals,
  };
}
