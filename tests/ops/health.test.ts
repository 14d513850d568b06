import { afterAll, expect, it } from 'vitest';
import { startHealthServer } from '../../runtime/health-http.ts';
import { Health } from '../../runtime/health.ts';

const health = new Health({ corpus: () => ({ facts: 3, loadedAt: new Date('2026-01-01T00:00:00Z') }) });
const server = await startHealthServer(health, 0, '127.0.0.1');
afterAll(() => server.close());
const get = async (path: string) => {
  const r = await fetch(`http://127.0.0.1:${server.port}${path}`);
  return { status: r.status, body: await r.json() };
};

it('GET /healthz is 200 while the process lives; /readyz is 503 until every platform is connected', async () => {
  expect(await get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  health.set('discord', 'starting');
  expect(await get('/readyz')).toMatchObject({ status: 503, body: { ready: false, platforms: { discord: 'starting' } } });
  health.set('discord', 'connected');
  expect(await get('/readyz')).toEqual({ status: 200, body: { ready: true, corpus: { facts: 3, loadedAt: '2026-01-01T00:00:00.000Z' }, platforms: { discord: 'connected' } } });
  health.set('discord', 'disconnected');
  expect((await get('/readyz')).status).toBe(503);
  expect((await get('/nope')).status).toBe(404);
});
