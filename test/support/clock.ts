import type { TestApp } from './test-app';

/** Runs fn with every service and resolver of the app seeing `instant` as now. */
export async function atInstant<T>(app: TestApp, instant: Date, fn: () => Promise<T>): Promise<T> {
  const spy = jest.spyOn(app.services.clock, 'now').mockImplementation(() => new Date(instant));
  try {
    return await fn();
  } finally {
    spy.mockRestore();
  }
}
