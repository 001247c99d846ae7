import http from 'node:http';

export interface OpenLoopOptions {
  url: string;
  headers: Record<string, string>;
  /** The JSON body of each request, made when it is due. */
  body: () => string;
  /** Requests a second, spread evenly: each leaves on schedule whatever the earlier ones do. */
  rate: number;
  seconds: number;
  /** How an answer is counted; a failure's text goes to stderr (the first three). */
  classify?: (status: number, text: string) => 'ok' | 'refused' | 'failed';
  label?: string;
  /** Each request's latency as it is measured (ms), e.g. to pool several runs into one distribution. */
  onLatency?: (ms: number) => void;
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  refused: number;
  failed: number;
  /**
   * Milliseconds from the moment each request was due (or sent, if it left
   * early) to its whole answer or failure: a generator that fell behind
   * counts its lateness, so no queueing is hidden.
   */
  p50: number;
  p99: number;
  max: number;
  /** The most any request left after it was due, in ms: large means the generator, not the server, was behind. */
  maxSendLagMs: number;
  /** Answers a second over the time the run really took. */
  okPerS: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
const IDLE_SOCKET_MS = 4_000;

const defaultClassify = (status: number, text: string) =>
  status === 200 && !text.includes('"errors"') ? 'ok' : status === 429 ? 'refused' : 'failed';

/**
 * An open-loop load: requests leave at a fixed rate whatever the earlier ones
 * do, each timed on its own from when it was sent (a slow answer delays
 * nothing and hides nothing, unlike a closed loop, or a generator that sends
 * each second's requests in one burst). Keep-alive sockets, as many as the
 * requests in flight need.
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { url, headers, body, rate, seconds } = options;
  const classify = options.classify ?? defaultClassify;
  // Idle sockets are closed here before the server's keep-alive timeout (Node's 5 s) closes them: a socket
  // closed by the server first leaves its port pair in TIME_WAIT there, and a new connection that reuses the
  // port can wait out SYN retries (1, 3, 7 s) or be reset, which one run at half of capacity showed (6.8 s, resets).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: IDLE_SOCKET_MS });
  const target = new URL(url);
  const latencies: number[] = [];
  const counts = { ok: 0, refused: 0, failed: 0 };
  let maxLag = 0;
  const one = (due: number) =>
    new Promise<void>((resolve) => {
      const payload = body();
      const sent = performance.now();
      maxLag = Math.max(maxLag, sent - due);
      const from = Math.min(due, sent);
      let settled = false;
      const settle = (outcome: 'ok' | 'refused' | 'failed', detail: string) => {
        if (settled) return;
        settled = true;
        const latency = performance.now() - from;
        latencies.push(latency);
        options.onLatency?.(latency);
        counts[outcome] += 1;
        if (outcome === 'failed' && counts.failed <= 3) process.stderr.write(`  ${options.label ?? 'request'} failed: ${detail}\n`);
        resolve();
      };
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => settle(classify(res.statusCode ?? 0, text), `${res.statusCode} ${text.slice(0, 200)}`));
          res.on('aborted', () => settle('failed', 'answer aborted'));
          res.on('error', (error) => settle('failed', error.message));
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', (error) => settle('failed', error.message));
      req.end(payload);
    });
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(one(due));
  }
  await Promise.all(pending);
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: total,
    ...counts,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
    maxSendLagMs: round(maxLag),
    okPerS: round(counts.ok / elapsedS),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The q-quantile of latencies sorted ascending, in ms to 0.01 (NaN when there are none). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
}

/** The same of latencies in any order, several runs' pooled for instance. */
export function pooledQuantile(latencies: readonly number[], q: number): number {
  return quantile(
    [...latencies].sort((a, b) => a - b),
    q,
  );
}
