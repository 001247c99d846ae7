import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { expressServerClasses } from '../../src/express-classes';

describe('expressServerClasses', () => {
  let server: http.Server;
  let base: string;
  const seen: { requestProto: unknown; responseProto: unknown }[] = [];
  const app = express();
  app.use(express.json());
  app.post('/echo', (req, res) => res.status(201).json({ body: req.body, query: req.query, ip: typeof req.ip }));
  app.get('/stream', (_req, res) => {
    res.write('a');
    res.end('b');
  });

  beforeAll(async () => {
    server = http.createServer(expressServerClasses(app), (req, res) => {
      // Before Express sees them: already the app's own prototypes, so its setPrototypeOf changes nothing.
      seen.push({ requestProto: Object.getPrototypeOf(req), responseProto: Object.getPrototypeOf(res) });
      app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('makes requests and responses with the app prototypes from the start', async () => {
    const answer = await fetch(`${base}/echo?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: [1, 2] }),
    });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ body: { a: [1, 2] }, query: { x: '1' }, ip: 'string' });
    expect(seen.at(-1)).toEqual({ requestProto: app.request, responseProto: app.response });
  });

  it('keeps what plain Node requests and responses do', async () => {
    const answer = await fetch(`${base}/stream`);
    expect(await answer.text()).toBe('ab');
    const missing = await fetch(`${base}/nowhere`);
    expect(missing.status).toBe(404);
    // Keep-alive connections, one request after another on the same socket.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const statuses = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<number>((resolve, reject) =>
            http.get(`${base}/stream`, { agent }, (res) => res.resume().on('end', () => resolve(res.statusCode!))).on('error', reject),
          ),
      ),
    );
    agent.destroy();
    expect(statuses).toEqual([200, 200, 200]);
    expect(seen.every((s) => s.requestProto === app.request && s.responseProto === app.response)).toBe(true);
    expect(seen.at(-1)!.requestProto).toBeInstanceOf(http.IncomingMessage);
  });
});
