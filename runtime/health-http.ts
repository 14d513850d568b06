/**
 * GET /healthz, /readyz and /metrics over HTTP: on a server of their own (HEALTH_PORT, Discord-only
 * deployments, the sharding manager) or beside Slack's events on its port. The source is a running
 * bot's Health and Metrics, or the sharding manager's view of all its shards.
 */
import http from 'node:http';
import type { MetricsText } from './metrics.ts';

export const HEALTH_ROUTES = ['/healthz', '/readyz', '/metrics'] as const;

export interface StatusSource {
  liveness(): object;
  readiness(): ({ ready: boolean } & object) | Promise<{ ready: boolean } & object>;
  metrics?(): Promise<MetricsText>;
}

/** /healthz 200 while alive; /readyz 200 when ready, else 503 (JSON bodies); /metrics in Prometheus text. */
export function handleHealth(source: StatusSource, req: http.IncomingMessage, res: http.ServerResponse): void {
  void respond(source, (req.url ?? '').split('?')[0]!, res).catch((e: unknown) => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
  });
}

async function respond(source: StatusSource, path: string, res: http.ServerResponse): Promise<void> {
  if (path === '/metrics') {
    if (!source.metrics) return notFound(res);
    const { contentType, text } = await source.metrics();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(text);
    return;
  }
  const body = path === '/readyz' ? await source.readiness() : source.liveness();
  const status = path === '/readyz' && !(body as { ready: boolean }).ready ? 503 : 200;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"error":"not found"}');
}

/** A small server for the status routes alone. */
export async function startHealthServer(source: StatusSource, port: number, host = '0.0.0.0'): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && (HEALTH_ROUTES as readonly string[]).includes(path!)) return handleHealth(source, req, res);
    notFound(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
