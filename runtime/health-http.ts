import http from 'node:http';
import type { Health } from './health.ts';

export const HEALTH_ROUTES = ['/healthz', '/readyz'] as const;

/** Answers GET /healthz (200 while alive) and GET /readyz (200 when ready, else 503), JSON bodies. */
export function handleHealth(health: Health, req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = (req.url ?? '').split('?')[0];
  const body = path === '/readyz' ? health.readiness() : health.liveness();
  const status = path === '/readyz' && !(body as { ready: boolean }).ready ? 503 : 200;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A small server for the health routes alone (Discord-only deployments, or HEALTH_PORT set). */
export async function startHealthServer(health: Health, port: number, host = '0.0.0.0'): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && (HEALTH_ROUTES as readonly string[]).includes(path!)) return handleHealth(health, req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
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
