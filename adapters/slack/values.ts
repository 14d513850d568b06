/**
 * What our buttons carry in their `value` (Slack allows 2,000 characters): enough to record a vote
 * or re-create a reply without any server-side state. Questions are cut to fit.
 */
import { z } from 'zod';
import { LIMITS } from './mrkdwn.ts';

export const ACTION_IDS = {
  up: 'feedback_up',
  down: 'feedback_down',
  share: 'share_answer',
} as const;

const Lang = z.enum(['ko', 'en']);
const ChannelKind = z.enum(['channel', 'dm', 'command']);

/** A 👍/👎 button: the fact (or `topic:<id>`), the reply's language, where it was shown, the question. */
export const FeedbackValue = z.object({ f: z.string().min(1).max(200), l: Lang, c: ChannelKind, q: z.string() });
export type FeedbackValue = z.infer<typeof FeedbackValue>;

/** A "share in channel" button: which command produced the reply, and its input. */
export const ShareValue = z.object({ k: z.enum(['ask', 'fact']), q: z.string() });
export type ShareValue = z.infer<typeof ShareValue>;

/**
 * JSON for a button value, at most `limit` characters: the `q` field is cut (by code points) until
 * it fits; every other field is short by construction.
 */
export function encodeValue<T extends { q: string }>(value: T, limit: number = LIMITS.buttonValue): string {
  let json = JSON.stringify(value);
  if (json.length <= limit) return json;
  const chars = Array.from(value.q);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (JSON.stringify({ ...value, q: chars.slice(0, mid).join('') }).length <= limit) lo = mid;
    else hi = mid - 1;
  }
  json = JSON.stringify({ ...value, q: chars.slice(0, lo).join('') });
  return json;
}

/** Parses a button value with `schema`; undefined for anything malformed (values come from clients). */
export function decodeValue<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> | undefined {
  if (typeof raw !== 'string' || raw.length > LIMITS.buttonValue) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
