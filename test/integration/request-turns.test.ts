import net from 'node:net';
import { startTestApp, TestApp } from '../support/test-app';

// Requests to the GraphQL endpoint run in turns by principal (src/infrastructure/fair-queue.ts):
// a burst from one principal does not put another principal's request behind all of it.
// Raw sockets, so that every request is written before the server reads any of them.

const BURST = 24;
const QUERY = JSON.stringify({ query: '{ __typename }' });

let app: TestApp;
// The same database, requests in arrival order: what the turns change.
let inOrder: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  inOrder = await startTestApp({ REQUEST_TURN_QUANTUM: '0' }, { attachTo: app });
});

afterAll(async () => {
  await inOrder?.close();
  await app?.close();
});

/** A kept-alive connection that sends one request at a time and resolves with its status and body. */
async function connection(url: string) {
  const { hostname, port, pathname } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buffer = Buffer.alloc(0);
  let waiting: ((answer: { status: number; body: string }) => void) | null = null;
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    const headEnd = buffer.indexOf('\r\n\r\n');
    if (headEnd === -1 || waiting === null) return;
    const head = buffer.subarray(0, headEnd).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1]);
    if (buffer.length < headEnd + 4 + length) return;
    const body = buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
    buffer = buffer.subarray(headEnd + 4 + length);
    const done = waiting;
    waiting = null;
    done({ status: Number(head.split(' ')[1]), body });
  });
  return {
    send(token: string): Promise<{ status: number; body: string }> {
      return new Promise((resolve) => {
        waiting = resolve;
        socket.write(
          `POST ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n` +
            `authorization: Bearer ${token}\r\ncontent-length: ${Buffer.byteLength(QUERY)}\r\n\r\n${QUERY}`,
        );
      });
    },
    close: () => socket.destroy(),
  };
}

/** Where the quiet principal's answer came among the burst's answers (1 = first). */
async function quietPlace(target: TestApp): Promise<number> {
  const noisy = await app.token({ sub: 'turns-noisy', roles: ['service'] });
  const quiet = await app.token({ sub: 'turns-quiet', roles: ['service'] });
  const noisyConnections = await Promise.all(Array.from({ length: BURST }, () => connection(target.url)));
  const quietConnection = await connection(target.url);
  try {
    // Each token verified once before (a request apiece), as a client in use is.
    await Promise.all([...noisyConnections.map((c) => c.send(noisy)), quietConnection.send(quiet)]);
    const order: string[] = [];
    const answers = [
      ...noisyConnections.map((c) => c.send(noisy).then((a) => (order.push('noisy'), a))),
      quietConnection.send(quiet).then((a) => (order.push('quiet'), a)),
    ];
    for (const answer of await Promise.all(answers)) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).data).toEqual({ __typename: 'Query' });
    }
    return order.indexOf('quiet') + 1;
  } finally {
    for (const c of [...noisyConnections, quietConnection]) c.close();
  }
}

test('a principal’s one request is answered among the first of another’s burst of 24, not after it', async () => {
  expect(await quietPlace(app)).toBeLessThanOrEqual(4);
});

test('in arrival order (REQUEST_TURN_QUANTUM=0) it waits for the whole burst', async () => {
  expect(await quietPlace(inOrder)).toBeGreaterThan(BURST / 2);
});
