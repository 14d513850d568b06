/**
 * `node dist/runtime/healthcheck.js`: exit 0 when this container's bot answers GET /healthz, else 1.
 * The Dockerfile's HEALTHCHECK (slim images have no curl). Asks HEALTH_PORT, else PORT (Slack HTTP
 * mode), else 3000, on 127.0.0.1.
 */
const port = process.env.HEALTH_PORT || process.env.PORT || '3000';
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
