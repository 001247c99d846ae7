import { createContext, createElement, ReactNode, useContext, useMemo, useSyncExternalStore } from 'react';
import type { EntitlementClient } from './client';
import { EntitlementState, entitlementStore } from './entitlement-store';
import type { Use } from './types';

export type { EntitlementState } from './entitlement-store';

export const EntitlementClientContext = createContext<EntitlementClient | null>(null);

/** Makes a client available to useEntitlement below it. */
export function EntitlementProvider(props: { client: EntitlementClient; children?: ReactNode }): ReactNode {
  return createElement(EntitlementClientContext.Provider, { value: props.client }, props.children);
}

/**
 * `{ loading, result, error }` for one account and use; re-renders when the
 * change stream changes that account or the decision's validUntil passes.
 * The client comes from EntitlementProvider, or from `options.client`.
 */
export function useEntitlement(accountId: string, use: Use = 'PERSONAL', options?: { client?: EntitlementClient }): EntitlementState {
  const fromContext = useContext(EntitlementClientContext);
  const client = options?.client ?? fromContext;
  if (!client) throw new Error('useEntitlement needs an EntitlementProvider or options.client');
  const store = useMemo(() => entitlementStore(client, accountId, use), [client, accountId, use]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
