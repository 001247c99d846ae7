// npm run bench:screening-http [-- --entries 1000000 --duration 10 --connections 16]
//
// screenInput over real HTTP under concurrent load: a generated catalog of N
// entries (plus the development catalog's real names) imported through the
// real bulk import, a built server process on its own database, and
// autocannon sending 2 KB prompts that quote names, lyrics-free. Prints
// throughput and latency; every response body is checked for errors.
import 'reflect-metadata';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueToken } from '../src/auth/token-issuer';
import { startBenchDatabase } from './bench-database';
import { startBenchServer } from './bench-server';
import { pseudoWord, rng } from './generated-names';

const ROOT = join(__dirname, '..', '..');
const SECRET = 'screening-http-bench-secret-0123456789abcdef';
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vo', 'sil', 'dur', 'en', 'bo', 'za', 'quin', 'mar', 'tes', 'ul'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string', default: '1000000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
    },
  });
  const entries = Number(values.entries);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const dir = mkdtempSync(join(os.tmpdir(), 'screening-http-'));
  const db = await startBenchDatabase('screening_http');
  let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
  try {
    // The development catalog's real names, then generated ones up to N.
    const real = readFileSync(join(ROOT, 'data', 'screening-eval', 'catalog-dev.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const r = rng(7);
    const rows = [...real];
    for (let i = real.length - 1; i < entries; i++) {
      const words = 1 + Math.floor(r() * 3);
      const text = Array.from({ length: words }, () => pseudoWord(r, SYLLABLES)).join(' ');
      rows.push(`${r() < 0.5 ? 'ARTIST' : 'SONG_TITLE'},${text}`);
    }
    const csv = join(dir, 'catalog.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const env = { ...process.env, DATABASE_URL: db.url, AUTH_JWT_SECRET: SECRET, SIGNAL_HASH_KEY: SECRET, LOG_LEVEL: 'warn' };
    execFileSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'migrate.js'), 'run'], { env, stdio: 'ignore' });
    let started = performance.now();
    execFileSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'catalog-import.js'), csv], { env, stdio: 'ignore' });
    process.stdout.write(`imported ${rows.length - 1} rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    started = performance.now();
    server = await startBenchServer({
      DATABASE_URL: db.url,
      AUTH_JWT_SECRET: SECRET,
      SIGNAL_HASH_KEY: SECRET,
      NODE_ENV: 'production',
      WEB_CONCURRENCY: '1',
      QUOTA_ENABLED: 'false',
    });
    process.stdout.write(`server ready (index built) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    const token = await issueToken(SECRET, { sub: 'screening-bench', roles: ['service'] });

    // ~2 KB of ordinary captions with two real names woven in, varied per request.
    const captions: string[] = JSON.parse(readFileSync(join(ROOT, 'data', 'screening-eval', 'prompts-dev.json'), 'utf8'));
    const names = real.slice(1, 2001).map((line) => line.slice(line.indexOf(',') + 1).replace(/^"|"$/g, ''));
    let n = 0;
    const prompt = (): string => {
      n += 1;
      let text = `A song in the style of ${names[n % names.length]}. `;
      for (let i = 0; text.length < 2000; i++) text += `${captions[(n * 7 + i) % captions.length]} `;
      return `${text.slice(0, 2000)} Also like ${names[(n * 13) % names.length]}.`;
    };
    let failures = 0;
    const run = (seconds: number) =>
      autocannon({
        url: server!.url,
        method: 'POST',
        connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: (req: any) => ({
              ...req,
              body: JSON.stringify({
                query: 'query($t: String!) { screenInput(text: $t) { allowed matches { entryText verdict } } }',
                variables: { t: prompt() },
              }),
            }),
            onResponse: (status: number, body: string) => {
              if (status !== 200 || body.includes('"errors"')) failures += 1;
            },
          },
        ],
      } as any);
    await run(2); // warm-up
    failures = 0;
    const result = await run(duration);
    process.stdout.write(
      `screenInput, 2 KB prompts, ${connections} connections, ${rows.length - 1} entries: ${Math.round(result.requests.average)} req/s, ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms, failures ${failures + result.errors + result.timeouts}\n`,
    );
  } finally {
    await server?.stop();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
