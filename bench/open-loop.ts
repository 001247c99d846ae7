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
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  refused: number;
  failed: number;
  /** Milliseconds, from the moment each request was sent to its whole answer. */
  p50: number;
  p99: number;
  max: number;
}

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
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const latencies: number[] = [];
  const counts = { ok: 0, refused: 0, failed: 0 };
  const one = () =>
    new Promise<void>((resolve) => {
      const payload = body();
      const sent = performance.now();
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
          res.on('end', () => {
            latencies.push(performance.now() - sent);
            const outcome = classify(res.statusCode ?? 0, text);
            counts[outcome] += 1;
            if (outcome === 'failed' && counts.failed <= 3)
              process.stderr.write(`  ${options.label ?? 'request'} failed: ${res.statusCode} ${text.slice(0, 200)}\n`);
            resolve();
          });
        },
      );
      req.on('error', (error) => {
        counts.failed += 1;
        if (counts.failed <= 3) process.stderr.write(`  ${options.label ?? 'request'} failed: ${error.message}\n`);
        resolve();
      });
      req.end(payload);
    });
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(one());
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 100) / 100;
  return { sent: total, ...counts, p50: at(0.5), p99: at(0.99), max: at(1) };
}
