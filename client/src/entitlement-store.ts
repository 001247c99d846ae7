import type { EntitlementClient } from './client';
import { cancel, later, now, TimerHandle } from './platform';
import type { CheckResult, Use } from './types';

export interface EntitlementState {
  /** True until the first answer (and while a later one is being fetched, with the previous `result` kept). */
  loading: boolean;
  result: CheckResult | undefined;
  error: Error | undefined;
}

/** A store for one account and use (the shape useSyncExternalStore takes), kept current by the client's stream. */
export interface EntitlementStore {
  getSnapshot(): EntitlementState;
  subscribe(listener: () => void): () => void;
}

// setTimeout's longest delay.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The answer for one account and use, asked again when the stream changes the
 * account and when the decision's validUntil passes. Framework-free: the React
 * hook is this store in useSyncExternalStore.
 */
export function entitlementStore(client: EntitlementClient, accountId: string, use: Use = 'PERSONAL'): EntitlementStore {
  const warm = client.peek(accountId, use);
  let state: EntitlementState = { loading: warm === undefined, result: warm, error: undefined };
  const listeners = new Set<() => void>();
  let version = 0;
  let timer: TimerHandle = null;
  let stopListening: (() => void) | null = null;

  const set = (next: EntitlementState) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };
  const answered = (result: CheckResult) => {
    set({ loading: false, result, error: undefined });
    cancel(timer);
    timer = null;
    if (result.validUntil !== null) {
      const wait = Date.parse(result.validUntil) - now();
      timer = later(load, Math.min(Math.max(wait, 0) + 1, MAX_TIMER_MS));
    }
  };
  function load(): void {
    const mine = (version += 1);
    const remembered = client.peek(accountId, use);
    if (remembered) {
      if (remembered !== state.result) answered(remembered);
      return;
    }
    if (!state.loading) set({ ...state, loading: true });
    client.check(accountId, use).then(
      (result) => {
        if (mine === version && listeners.size > 0) answered(result);
      },
      (error: unknown) => {
        if (mine === version && listeners.size > 0)
          set({ loading: false, result: state.result, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
  }

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        stopListening = client.onChange(accountId, () => load());
        load();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        stopListening?.();
        stopListening = null;
        cancel(timer);
        timer = null;
        version += 1;
      };
    },
  };
}
