/**
 * Posting to Slack through the outbox: every post has a time limit and waits out a 429 in its own
 * channel only. A failure is logged; a token Slack no longer accepts ends the bot (nothing will work
 * again until someone fixes it); an answer Slack refused is replaced by a short plain apology.
 */
import { webApi } from '@slack/bolt';
import { Outbox, SendTimeoutError } from '../../runtime/outbox.ts';
import { describeError, type SlackDeps } from './listeners/deps.ts';

/** Slack's errors that mean the token itself is no good. */
const FATAL = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);
/** Errors after which nothing can be posted there either: no apology. */
const NOWHERE = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'cannot_dm_bot', 'used_url', 'expired_url']);

export class ResponseUrlError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter?: number,
  ) {
    super(`response_url answered HTTP ${status}`);
    this.name = 'ResponseUrlError';
  }
}

/** The Web API's error code (`invalid_auth`…), if it is one. */
const apiError = (e: unknown): string | undefined => {
  const code = (e as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === 'string' ? code : undefined;
};

/** What a failed call to Slack is counted as in /metrics: the HTTP status, Slack's error code, or timeout / network. */
export function slackStatus(e: unknown): string {
  const err = e as { code?: unknown; statusCode?: unknown } | null;
  if (err?.code === webApi.ErrorCode.RateLimitedError) return '429';
  if (e instanceof ResponseUrlError) return String(e.status);
  if (e instanceof SendTimeoutError || err?.code === webApi.ErrorCode.RequestError && /timeout/i.test(String((e as Error).message))) return 'timeout';
  if (typeof err?.statusCode === 'number') return String(err.statusCode);
  return apiError(e) ?? (err?.code === webApi.ErrorCode.RequestError ? 'network' : 'other');
}

/** The outbox for one Slack connection: rate-limited Web API calls and response_url posts are retried after their Retry-After. */
export function slackOutbox(timeoutMs: number, observe?: (event: 'error' | 'retry', status: string) => void): Outbox {
  return new Outbox({
    timeoutMs,
    ...(observe ? { observe: (event, e) => observe(event, slackStatus(e)) } : {}),
    retryAfterSec: (e) => {
      const err = e as { code?: unknown; retryAfter?: unknown };
      if (err?.code === webApi.ErrorCode.RateLimitedError && typeof err.retryAfter === 'number') return err.retryAfter;
      return e instanceof ResponseUrlError ? e.retryAfter : undefined;
    },
  });
}

/** Posts a JSON message to a response_url (slash commands, buttons), within `signal`. */
export async function postToResponseUrl(url: string, message: object, signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message), signal });
  await res.arrayBuffer();
  if (!res.ok) throw new ResponseUrlError(res.status, res.status === 429 ? Number(res.headers.get('retry-after')) || 1 : undefined);
}

export interface Destination {
  /** The lane: a channel id, or the response_url. */
  to: string;
  /** Whose turn it is in that lane (the asker). */
  from?: string;
  /** For the logs: "a mention answer", "/ask". */
  what: string;
  /** The question's id in the runtime's answer line. */
  requestId?: string;
}

/** Sends `post` in its lane; true when delivered. `apology` is tried once when Slack refused the post itself. */
export async function deliver(deps: SlackDeps, where: Destination, post: (signal: AbortSignal) => Promise<unknown>, apology?: (signal: AbortSignal) => Promise<unknown>): Promise<boolean> {
  try {
    await deps.outbox.send(where.to, where.from, post);
    return true;
  } catch (e) {
    const code = apiError(e);
    if (code && FATAL.has(code)) {
      deps.fatal(`Slack no longer accepts SLACK_BOT_TOKEN (${code}): the app was uninstalled or the token revoked or rotated. Put a valid Bot User OAuth Token in SLACK_BOT_TOKEN and restart.`);
      return false;
    }
    deps.logger.error(`slack: could not post ${where.what}: ${describeError(e)}`, { requestId: where.requestId ?? null, status: slackStatus(e) });
    if (apology && code && !NOWHERE.has(code)) {
      try {
        await deps.outbox.send(where.to, where.from, apology);
      } catch (again) {
        deps.logger.warn(`slack: the apology for ${where.what} failed too: ${describeError(again)}`);
      }
    }
    return false;
  }
}
