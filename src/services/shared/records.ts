import { EntityManager } from 'typeorm';
import { isUuid } from '../../domain/ids';
import { AccountEntity } from '../../entities';
import { refuse, notFoundMessage } from '../../errors';

/**
 * Loads an account or throws NOT_FOUND (also for ids that are not UUIDs).
 * With `lock`, the row is locked FOR UPDATE so that read-then-write use-cases
 * on one account take turns.
 */
export async function requireAccount(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<AccountEntity> {
  if (!isUuid(id)) throw refuse('ACCOUNT_NOT_FOUND', notFoundMessage('Account', id));
  const account = await manager.getRepository(AccountEntity).findOne({
    where: { id },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!account) throw refuse('ACCOUNT_NOT_FOUND', notFoundMessage('Account', id));
  return account;
}
