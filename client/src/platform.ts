// What the client needs from its host (browser or Node), typed here so the
// package compiles without DOM or Node types and runs on either.

/** A timer handle as the host gives it (a number in browsers, an object in Node). */
export type TimerHandle = unknown;

interface Host {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  queueMicrotask(callback: () => void): void;
  process?: { nextTick?(callback: () => void): void };
  WebSocket?: WebSocketConstructor;
  fetch?: FetchLike;
  AbortController?: new () => { signal: unknown; abort(): void };
}

const host = globalThis as unknown as Host;

/** A timer that never keeps a Node process alive on its own. */
export function later(callback: () => void, ms: number): TimerHandle {
  const handle = host.setTimeout(callback, ms) as { unref?: () => void };
  handle?.unref?.();
  return handle;
}

export function cancel(handle: TimerHandle | null | undefined): void {
  if (handle != null) host.clearTimeout(handle);
}

/** Runs after the promise jobs of the current turn (as DataLoader batches): every check made in one tick is in one batch. */
export function afterThisTick(callback: () => void): void {
  void Promise.resolve().then(() => {
    if (typeof host.process?.nextTick === 'function') host.process.nextTick(callback);
    else later(callback, 0);
  });
}

export function now(): number {
  return Date.now();
}

/** The subset of the WHATWG WebSocket the stream uses; the `ws` package's WebSocket fits. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** `ws` only: drops the connection without the closing handshake (for a peer that stopped answering). */
  terminate?(): void;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** The subset of fetch the client uses. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: unknown },
) => Promise<{ status: number; text(): Promise<string> }>;

export function defaultWebSocket(): WebSocketConstructor | undefined {
  return host.WebSocket;
}

export function defaultFetch(): FetchLike | undefined {
  return host.fetch?.bind(globalThis);
}

/** An abort signal that fires after `ms` (none where the host has no AbortController), and a way to stop its timer. */
export function deadline(ms: number): { signal: unknown; done(): void } {
  if (typeof host.AbortController !== 'function') return { signal: undefined, done: () => undefined };
  const controller = new host.AbortController();
  const timer = later(() => controller.abort(), ms);
  return { signal: controller.signal, done: () => cancel(timer) };
}
