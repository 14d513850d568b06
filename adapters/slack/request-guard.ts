/**
 * In front of bolt's HTTP receiver, for POST /slack/events: what bolt would mishandle or wrongly
 * accept is answered here and never reaches it. Bolt reads fields of the parsed body without
 * checking it is an object (a signed `null` crashed the process) and accepts timestamps from the
 * future. Refusals carry `X-Slack-No-Retry: 1`, since Slack retrying the same bytes cannot help.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { defaultBodyLimit, verifySlackRequest, type HTTPReceiver } from '@slack/bolt';

/** Slack's guidance: refuse requests signed more than five minutes from now, either way. */
export const MAX_CLOCK_SKEW_SEC = 5 * 60;

export interface RequestGuardOptions {
  signingSecret: string;
  path: string;
  logger: { warn(message: string): void };
  bodyLimit?: number;
  now?: () => number;
}

type Verdict = { ok: true } | { ok: false; status: 400 | 401 | 413; why: string };

/** Wraps `receiver`'s request listener; call before the receiver starts. */
export function guardSlackRequests(receiver: HTTPReceiver, options: RequestGuardOptions): void {
  const inner = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== options.path) return inner(req, res);
    void check(req, options).then(
      (verdict) => {
        if (verdict.ok) return inner(req, res);
        options.logger.warn(`slack: refused a request to ${options.path} (${verdict.status}: ${verdict.why})`);
        refuse(res, verdict.status);
      },
      () => refuse(res, 400),
    );
  };
}

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'x-slack-no-retry': '1', 'content-length': '0', connection: 'close' });
  res.end();
}

async function check(req: IncomingMessage, options: RequestGuardOptions): Promise<Verdict> {
  const raw = await readBody(req, options.bodyLimit ?? defaultBodyLimit);
  if (!raw) return { ok: false, status: 413, why: 'body too large' };
  // bolt reuses a body already read (it checks `rawBody`), so the stream is consumed once.
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
  const text = raw.toString('utf8');
  const form = req.headers['content-type'] === 'application/x-www-form-urlencoded';
  // Slack's unsigned SSL check: bolt answers it and strips anything else from the body.
  if (form && parseQuery(text).ssl_check === '1') return { ok: true };

  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  const now = Math.floor((options.now?.() ?? Date.now()) / 1000);
  if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > MAX_CLOCK_SKEW_SEC) return { ok: false, status: 401, why: 'timestamp missing or more than 5 minutes off' };
  try {
    verifySlackRequest({
      signingSecret: options.signingSecret,
      body: text,
      headers: { 'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''), 'x-slack-request-timestamp': timestamp },
    });
  } catch {
    return { ok: false, status: 401, why: 'bad signature' };
  }
  return isObject(parseBody(text, form)) ? { ok: true } : { ok: false, status: 400, why: 'the body is not an object' };
}

/** The body as bolt will read it: a form's `payload` field is JSON; anything unparsable is undefined. */
function parseBody(text: string, form: boolean): unknown {
  try {
    if (!form) return JSON.parse(text);
    const fields = parseQuery(text);
    return typeof fields.payload === 'string' ? JSON.parse(fields.payload) : fields;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The whole body, or undefined past `limit` bytes (the rest is read and discarded, so a response can still be sent). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}
