import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { consoleBuildDir, mountAdminConsole } from '../../src/admin-console';
import { loadConfig } from '../../src/config';

// The console installed under a path with a dot segment (a checkout under
// ~/.local/..., /tmp/.work/...): every file it serves must still be found.

let base: string;
let buildDir: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  const built = consoleBuildDir();
  if (!built) throw new Error('the console is not built: run `npm run build:console`');
  base = mkdtempSync(join(tmpdir(), 'console-install-'));
  buildDir = join(base, '.local', 'share', 'entitlement-api', 'console', 'dist');
  mkdirSync(buildDir, { recursive: true });
  cpSync(built, buildDir, { recursive: true });
  const app = express();
  mountAdminConsole(app, loadConfig({ NODE_ENV: 'test' }), buildDir);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (base) rmSync(base, { recursive: true, force: true });
});

test('the install path has a dot segment', () => {
  expect(buildDir.split('/')).toContain('.local');
});

test.each(['/admin/', '/admin/accounts/some-id'])('%s answers with the app', async (path) => {
  const res = await fetch(`${origin}${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await res.text()).toBe(readFileSync(join(buildDir, 'index.html'), 'utf8'));
});

test("the app's scripts and styles are served", async () => {
  const page = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const assets = [...page.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) expect([asset, (await fetch(`${origin}${asset}`)).status]).toEqual([asset, 200]);
});

test('the favicon is served at /admin/favicon.svg, and /favicon.ico leads to it', async () => {
  const icon = await fetch(`${origin}/admin/favicon.svg`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  expect(await icon.text()).toMatch(/^<svg /);

  const legacy = await fetch(`${origin}/favicon.ico`, { redirect: 'manual' });
  expect(legacy.status).toBe(301);
  expect(legacy.headers.get('location')).toBe('/admin/favicon.svg');
  const followed = await fetch(`${origin}/favicon.ico`);
  expect(followed.status).toBe(200);
  expect(followed.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
});
