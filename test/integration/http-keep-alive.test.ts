import net from 'node:net';
import { startTestApp, TestApp } from '../support/test-app';

// An idle kept-alive connection is closed by this server only after HTTP_KEEP_ALIVE_TIMEOUT_MS
// (65 s by default): a load balancer with a 60 s idle timeout closes it first, so none of its
// requests meets a connection this side has just closed. Node's own default would be 5 s.

const QUERY = JSON.stringify({ query: '{ __typename }' });

let byDefault: TestApp;
let short: TestApp;

beforeAll(async () => {
  byDefault = await startTestApp();
  short = await startTestApp({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' }, { attachTo: byDefault });
});

afterAll(async () => {
  await short?.close();
  await byDefault?.close();
});

/** One request on a raw connection; resolves with the answer's head and whether the server closed the connection within `idleMs` after it. */
async function requestThenIdle(app: TestApp, idleMs: number): Promise<{ head: string; closedByServer: boolean; again: string | null }> {
  const { hostname, port, pathname } = new URL(app.url);
  const token = await app.token({ sub: 'keep-alive-client', roles: ['service'] });
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  let closedByServer = false;
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('end', () => (closedByServer = true));
  const request =
    `POST ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n` +
    `authorization: Bearer ${token}\r\ncontent-length: ${Buffer.byteLength(QUERY)}\r\n\r\n${QUERY}`;
  socket.write(request);
  const answered = Date.now();
  while (!received.includes('"__typename"') && Date.now() - answered < 5_000) await new Promise((r) => setTimeout(r, 10));
  const head = received.slice(0, received.indexOf('\r\n\r\n'));
  await new Promise((r) => setTimeout(r, idleMs));
  let again: string | null = null;
  if (!closedByServer) {
    // Still open: it serves the next request as a kept-alive connection should.
    received = '';
    socket.write(request);
    const sent = Date.now();
    while (!received.includes('"__typename"') && Date.now() - sent < 5_000) await new Promise((r) => setTimeout(r, 10));
    again = received.slice(0, received.indexOf(' ', 9));
  }
  socket.destroy();
  return { head, closedByServer, again };
}

test('an idle connection stays open past Node\u2019s 5 s default and serves the next request', async () => {
  // 1.5 s here stands for a balancer's idle time; the default keeps it open for 65 s and says so.
  const { head, closedByServer, again } = await requestThenIdle(byDefault, 1_500);
  expect(head).toMatch(/^HTTP\/1\.1 200/);
  expect(head).toMatch(/\r\nkeep-alive: timeout=65(\r\n|$)/i);
  expect(closedByServer).toBe(false);
  expect(again).toBe('HTTP/1.1 200');
});

test('HTTP_KEEP_ALIVE_TIMEOUT_MS closes an idle connection after that long', async () => {
  // Node closes an idle socket up to a second after its timeout (its timers are coarse): 1 s set, 3 s waited.
  const { head, closedByServer } = await requestThenIdle(short, 3_000);
  expect(head).toMatch(/\r\nkeep-alive: timeout=1(\r\n|$)/i);
  expect(closedByServer).toBe(true);
});
