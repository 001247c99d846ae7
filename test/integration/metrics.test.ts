import { AggregatorRegistry } from 'prom-client';
import { AppMetrics, MetricSources } from '../../src/metrics/metrics';
import { admin, startTestApp, TestApp } from '../support/test-app';

const METRICS_TOKEN = 'scrape-token-for-tests';

/** Samples of a Prometheus text exposition, keyed by name plus labels as printed. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

let app: TestApp;
let metricsUrl: string;

beforeAll(async () => {
  app = await startTestApp({ METRICS_TOKEN });
  metricsUrl = app.url.replace('/graphql', '/metrics');
});
afterAll(() => app.close());

async function scrape(): Promise<Map<string, number>> {
  const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return parse(await res.text());
}

const value = (m: Map<string, number>, key: string) => m.get(key) ?? 0;

test('METRICS_TOKEN is enforced', async () => {
  expect((await fetch(metricsUrl)).status).toBe(401);
  expect((await fetch(metricsUrl, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
  const ok = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(ok.status).toBe(200);
});

test('a scrape after real traffic shows it: requests, latency, decisions, cache, audit, screening, pool, listener', async () => {
  const before = await scrape();
  const bearer = { authorization: `Bearer ${await app.token(admin)}` };

  const created = await app.http(
    'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
    { i: { displayName: 'Metrics', email: `metrics-${Date.now()}@example.com` } },
    bearer,
  );
  const accountId = (created.body as any).data.createAccount.id as string;
  const ENTITLEMENT = 'query($id: ID!) { entitlement(accountId: $id, use: COMMERCIAL) { allowed reasons { code } } }';
  // First a miss (loaded from the database), then hits: a new account has no organization and a free plan: denied.
  for (let i = 0; i < 3; i += 1) {
    const r = await app.http(ENTITLEMENT, { id: accountId }, bearer);
    expect((r.body as any).data.entitlement.allowed).toBe(false);
  }
  const screened = await app.http('{ screenInput(text: "a calm tune") { allowed } }', undefined, bearer);
  expect((screened.body as any).data.screenInput.allowed).toBe(true);
  await app.http('{ entitlement(accountId: "not-a-uuid") { allowed } }', undefined, bearer); // NOT_FOUND
  await app.http('{ plans { code } }'); // no token

  const after = await scrape();
  const moved = (key: string) => value(after, key) - value(before, key);

  expect(moved('entitlement_graphql_requests_total{operation="entitlement",outcome="ok"}')).toBe(3);
  expect(moved('entitlement_graphql_requests_total{operation="entitlement",outcome="NOT_FOUND"}')).toBe(1);
  expect(moved('entitlement_graphql_requests_total{operation="createAccount",outcome="ok"}')).toBe(1);
  expect(moved('entitlement_graphql_requests_total{operation="none",outcome="UNAUTHENTICATED"}')).toBe(1);
  expect(moved('entitlement_graphql_request_duration_seconds_count{operation="entitlement"}')).toBe(4);
  expect(moved('entitlement_graphql_request_duration_seconds_sum{operation="entitlement"}')).toBeGreaterThan(0);
  expect(moved('entitlement_decisions_total{allowed="false"}')).toBe(3);
  expect(moved('entitlement_decision_reasons_total{reason="ONBOARDING_INCOMPLETE"}')).toBe(3);
  expect(moved('entitlement_decision_reasons_total{reason="FREE_PLAN_COMMERCIAL_USE"}')).toBe(3);
  // Each request is a hit or a load; a second load happens when the account's own
  // change notification arrives during the first one (that load is then not cached).
  expect(moved('entitlement_snapshot_cache_misses_total')).toBeGreaterThanOrEqual(1);
  expect(moved('entitlement_snapshot_cache_hits_total')).toBeGreaterThanOrEqual(1);
  expect(moved('entitlement_snapshot_cache_misses_total') + moved('entitlement_snapshot_cache_hits_total')).toBe(3);
  expect(value(after, 'entitlement_snapshot_cache_entries')).toBeGreaterThanOrEqual(1);
  expect(moved('entitlement_audit_events_written_total')).toBeGreaterThanOrEqual(1);
  expect(moved('entitlement_screening_duration_seconds_count')).toBe(1);
  expect(value(after, 'entitlement_screening_index_entries')).toBe(app.services.screening.status.entries);
  expect(value(after, 'entitlement_change_listener_connected')).toBe(1);
  expect(after.has('entitlement_db_pool_connections_in_use')).toBe(true);
  expect(after.has('entitlement_db_pool_waiting_requests')).toBe(true);
  expect(value(after, 'entitlement_stale_answers_total')).toBe(0);
  // the default process metrics
  expect(value(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);
});

test('labels stay bounded: fields the schema lacks and operation names never become series', async () => {
  const bearer = { authorization: `Bearer ${await app.token(admin)}` };
  const before = await scrape();
  await app.http('query pickedByTheClient { noSuchField }', undefined, bearer);
  await app.http('query anotherClientName { plans { code } }', undefined, bearer);
  const after = await scrape();
  const keys = [...after.keys()].join('\n');
  expect(keys).not.toMatch(/noSuchField|pickedByTheClient|anotherClientName/);
  const invalid = (m: Map<string, number>) =>
    [...m].filter(([k]) => k.startsWith('entitlement_graphql_requests_total{operation="invalid"')).reduce((n, [, v]) => n + v, 0);
  expect(invalid(after) - invalid(before)).toBe(1);
  expect(
    value(after, 'entitlement_graphql_requests_total{operation="plans",outcome="ok"}') -
      value(before, 'entitlement_graphql_requests_total{operation="plans",outcome="ok"}'),
  ).toBe(1);
});

test('answers given while degraded are counted as stale', async () => {
  const bearer = { authorization: `Bearer ${await app.token(admin)}` };
  const created = await app.http(
    'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
    { i: { displayName: 'Stale', email: `stale-${Date.now()}@example.com` } },
    bearer,
  );
  const id = (created.body as any).data.createAccount.id as string;
  const ask = async () => (await app.http('query($id: ID!) { entitlement(accountId: $id) { stale } }', { id }, bearer)).body as any;
  await ask();
  await ask();
  const before = await scrape();
  app.services.changeListener.simulateDisconnect(60_000);
  try {
    for (let i = 0; i < 50 && !app.services.entitlements.degraded; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect((await ask()).data.entitlement.stale).toBe(true);
    expect((await ask()).data.entitlement.stale).toBe(true);
    const after = await scrape();
    expect(value(after, 'entitlement_stale_answers_total') - value(before, 'entitlement_stale_answers_total')).toBe(2);
    expect(value(after, 'entitlement_change_listener_connected')).toBe(0);
  } finally {
    app.services.changeListener.endSimulatedOutage();
  }
});

test('aggregated over workers, the shared screening index is not summed; per-process figures are', async () => {
  // The same aggregation the cluster primary runs over its workers' registries.
  const worker = (entries: number, listening: boolean, cached: number) => {
    const metrics = new AppMetrics();
    metrics.bind({
      snapshotCache: () => ({ size: cached, hits: 0, misses: 0 }),
      listenerConnected: () => listening,
      screeningEntries: () => entries,
      pool: () => null,
      auditEventsWritten: () => 0,
      staleAnswers: () => 0,
    } satisfies MetricSources);
    return metrics.registry.getMetricsAsJSON();
  };
  const aggregated = AggregatorRegistry.aggregate(await Promise.all([worker(6, true, 3), worker(6, true, 4), worker(5, false, 1)]));
  const m = parse(await aggregated.metrics());
  expect(m.get('entitlement_screening_index_entries')).toBe(5);
  expect(m.get('entitlement_change_listener_connected')).toBe(2);
  expect(m.get('entitlement_snapshot_cache_entries')).toBe(8);
});

test('METRICS=false serves no /metrics', async () => {
  const off = await startTestApp({ METRICS: 'false' }, { attachTo: app });
  try {
    expect((await fetch(off.url.replace('/graphql', '/metrics'))).status).toBe(404);
  } finally {
    await off.close();
  }
});
