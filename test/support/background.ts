import type { TestApp } from './test-app';

/**
 * Runs fn with the app's background statements paused: the screening
 * catalog's poll (every 500 ms) would otherwise land in a statement count on
 * a loaded machine. The poll resumes (and catches up) afterwards.
 */
export async function withoutBackgroundQueries<T>(app: TestApp, fn: () => Promise<T>): Promise<T> {
  await app.services.screening.stop();
  try {
    return await fn();
  } finally {
    await app.services.screening.start();
  }
}
