/** What every listener needs, built once in ../index.ts. */
import type { Logger } from '@slack/bolt';
import type { Recorder } from '../../../src/record.ts';
import type { SeenCache } from '../dedupe.ts';
import type { Commands } from '../format.ts';
import type { SlackEngine } from '../replies.ts';

export interface SlackDeps {
  engine: SlackEngine;
  recorder: Recorder;
  commands: Commands;
  /** Deliveries already answered (event ids, channel:ts). */
  seen: SeenCache;
  /** Votes already recorded (user, message, fact, vote), so a double click counts once. */
  votes: SeenCache;
  logger: Logger;
}

/** A Web API or network error, described without anything secret (tokens are never in these). */
export function describeError(e: unknown): string {
  if (e && typeof e === 'object') {
    const err = e as { code?: unknown; data?: { error?: unknown }; message?: unknown; statusCode?: unknown };
    const detail = err.data?.error ?? err.statusCode ?? err.message;
    return [err.code, detail].filter((x) => x !== undefined && x !== '').map(String).join(': ') || 'unknown error';
  }
  return String(e);
}
