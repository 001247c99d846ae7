import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../../src/auth/token-issuer';
import { resolveRuntime, startService } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { SYSTEM_ACTOR } from '../../src/services/shared/actor';
import { startTestApp } from '../support/test-app';
import { freePort } from '../support/free-port';

test('on the embedded default, data and generated secrets survive a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'entitlement-lifecycle-'));
  const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'silent' };
  const logger = createLogger('silent');
  try {
    const first = await startService(loadConfig(env), logger);
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(secrets.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o077).toBe(0);
    const token = await issueToken(secrets.jwtSecret, { sub: 'a', roles: ['admin'] });
    const ready = await fetch(first.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(200);
    await first.services.transactions.run(SYSTEM_ACTOR, async (uow) => {
      uow.changes.push({ action: 'test.persist', targetType: 'Thing', targetId: 'kept' });
    });

    // A command run next to the server (catalog:import, migration:run) shares its
    // database instead of starting a second one, and gets the secrets kept under DATA_DIR.
    const beside = await resolveRuntime(loadConfig(env), logger);
    expect(beside.databaseUrl).toBe((first.dataSource.options as { url?: string }).url);
    expect(beside.config.signalHashKey).toBe(secrets.signalHashKey);
    expect(beside.config.auth.jwtSecret).toBe(secrets.jwtSecret);
    await beside.embedded?.stop(); // a no-op: the server owns the database
    expect((await fetch(first.url.replace('/graphql', '/readyz'))).status).toBe(200);
    await first.stop();

    const second = await startService(loadConfig(env), logger);
    try {
      const res = await fetch(second.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ auditLog(targetId: "kept") { action } plans { code } }' }),
      });
      const body = (await res.json()) as any;
      expect(body.errors).toBeUndefined();
      expect(body.data.auditLog).toEqual([{ action: 'test.persist' }]);
      expect(body.data.plans).toHaveLength(3);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);

test('readyz is 503 when the database cannot be reached', async () => {
  const app = await startTestApp();
  const readyz = app.url.replace('/graphql', '/readyz');
  expect((await fetch(readyz)).status).toBe(200);
  await app.dataSource.destroy();
  const r = await fetch(readyz);
  expect(r.status).toBe(503);
  expect(await r.json()).toEqual({ status: 'unavailable' });
  await app.dataSource.initialize();
  await app.close();
});
