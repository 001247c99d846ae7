import cluster from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';

// In cluster mode a scrape lands on one worker; that worker asks the primary,
// which gathers every worker's registries over IPC (prom-client's
// AggregatorRegistry), sums them and adds its own: one scrape, all workers.

const REQUEST = 'entitlement:cluster-metrics-request';
const RESPONSE = 'entitlement:cluster-metrics-response';
const TIMEOUT_MS = 6000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: number;
}
interface MetricsResponse {
  type: typeof RESPONSE;
  id: number;
  text?: string;
  error?: string;
}

/** Worker side: this worker's registries answer the primary's collection requests. */
export function shareWithPrimary(registries: Registry[]): void {
  AggregatorRegistry.setRegistries(registries);
  new AggregatorRegistry(); // installs the worker's answering listener (idempotent)
}

let nextId = 0;
const pending = new Map<number, (response: MetricsResponse) => void>();
let listening = false;

/** Worker side: the whole cluster's metrics, aggregated by the primary. */
export function clusterMetricsText(): Promise<string> {
  if (!listening) {
    listening = true;
    process.on('message', (message: MetricsResponse) => {
      if (message?.type !== RESPONSE) return;
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
  }
  const id = (nextId += 1);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('the primary did not answer with metrics'));
    }, TIMEOUT_MS);
    pending.set(id, (response) => {
      clearTimeout(timer);
      if (response.text !== undefined) resolve(response.text);
      else reject(new Error(response.error ?? 'metrics aggregation failed'));
    });
    process.send!({ type: REQUEST, id } satisfies MetricsRequest);
  });
}

/** Primary side: answers workers' requests with every worker's metrics plus the primary's own. */
export function serveClusterMetrics(primaryRegistry: Registry): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: MetricsRequest) => {
    if (message?.type !== REQUEST) return;
    Promise.all([aggregator.clusterMetrics(), primaryRegistry.metrics()]).then(
      ([workers, own]) => sendIfConnected(worker, { type: RESPONSE, id: message.id, text: `${workers}\n${own}` }),
      (error: Error) => sendIfConnected(worker, { type: RESPONSE, id: message.id, error: error.message }),
    );
  });
}

function sendIfConnected(worker: { isConnected(): boolean; send(message: unknown): boolean }, message: MetricsResponse): void {
  if (worker.isConnected()) worker.send(message);
}
