import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { gcFlags } from '../src/cluster/gc-flags';
import { freePort } from '../test/support/free-port';

// dist/bench -> the project root
const ROOT = join(__dirname, '..', '..');

export interface BenchServer {
  /** The GraphQL endpoint. */
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The built server (`dist/src/main.js`) as a process of its own on a free port; resolves once /readyz answers 200.
 * With `cpus` ("1", "0-2"), it runs on those CPUs only, from its start, with the node flags that `npm start` gives a
 * machine of that many cores (src/cli/node-flags.ts). BENCH_SERVER_NODE_ARGS passes more flags to its node (e.g.
 * "--cpu-prof --cpu-prof-dir=prof" to see where a request's time goes).
 */
export async function startBenchServer(env: Record<string, string>, options: { cpus?: string } = {}): Promise<BenchServer> {
  const port = await freePort();
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter((arg) => arg !== '') ?? [];
  const main = join(ROOT, 'dist', 'src', 'main.js');
  const spawnEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env };
  const cpus = options.cpus;
  const child =
    cpus === undefined
      ? spawn(process.execPath, [...nodeArgs, main], { env: spawnEnv, stdio: ['ignore', 'inherit', 'inherit'] })
      : // taskset runs node in its own place (same pid), pinned before its first instruction.
        spawn('taskset', ['-c', cpus, process.execPath, ...gcFlags(1, cpuCount(cpus)), ...nodeArgs, main], {
          env: spawnEnv,
          stdio: ['ignore', 'inherit', 'inherit'],
        });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (child.exitCode !== null) throw new Error('server exited during start-up');
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error('server did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${base}/graphql`,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** One GraphQL request over HTTP; any `errors` in the answer is thrown. */
export async function gql(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as any;
  if (body.errors) throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * Pins a process (every thread of it) to the given CPUs, as `taskset -a -pc`
 * does; false where that cannot be done (no taskset, one core), and the
 * caller measures unpinned and says so. Children started afterwards inherit it.
 */
export function pinToCpus(pid: number, cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-pc', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Unlabelled samples of the server's /metrics, by name (a process's own counters: CPU seconds, sums, counts). */
export async function serverMetrics<K extends string>(graphqlUrl: string, names: readonly K[]): Promise<Record<K, number>> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const out = {} as Record<K, number>;
  for (const name of names) {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
    if (match === null) throw new Error(`/metrics has no ${name}`);
    out[name] = Number(match[1]);
  }
  return out;
}

/** CPUs in a taskset list ("1", "0-2,5"). */
export function cpuCount(cpus: string): number {
  let count = 0;
  for (const part of cpus.split(',')) {
    const [from, to] = part.split('-').map(Number);
    count += to === undefined ? 1 : to - from + 1;
  }
  return count;
}
