/** Latency percentiles and per-question outcomes, grouped by platform, surface and rate step. */
import type { Tracked } from './matcher.ts';
import type { Platform, Step, Surface } from './plan.ts';

export interface Latencies {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summarize(xs: readonly number[]): Latencies {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 0.5), p99: percentile(s, 0.99), max: s.length ? s[s.length - 1]! : NaN };
}

export type Outcome = 'answered' | 'late' | 'lost' | 'send-failed' | 'unsent';

/** What became of one question: answered within the timeout, late (after it), lost, or never sent. */
export function outcome(t: Tracked, timeoutMs: number): Outcome {
  if (t.sentAt === undefined) return 'unsent';
  if (t.sendError) return 'send-failed';
  const first = t.replies[0];
  if (!first) return 'lost';
  return first.at - t.sentAt > timeoutMs ? 'late' : 'answered';
}

/** From sending to the first reply, in ms; undefined unless answered within the timeout. */
export function latency(t: Tracked, timeoutMs: number): number | undefined {
  return outcome(t, timeoutMs) === 'answered' ? t.replies[0]!.at - t.sentAt! : undefined;
}

export interface Group {
  questions: number;
  sent: number;
  answered: number;
  /** Not answered within the timeout, for whatever reason (late, lost, send failed, unsent). */
  lost: number;
  late: number;
  /** Questions with more than one reply. */
  doubled: number;
  /** Replies saying to wait (the rate limit). */
  rateLimited: number;
  deferred: number;
  latency: Latencies;
  /** From sending to the platform's acknowledgement (Slack HTTP response, Discord interaction callback). */
  ack: Latencies;
  firstSend?: number;
  lastSend?: number;
  lastReply?: number;
}

export function group(items: readonly Tracked[], timeoutMs: number): Group {
  const lat: number[] = [];
  const acks: number[] = [];
  const g: Group = { questions: items.length, sent: 0, answered: 0, lost: 0, late: 0, doubled: 0, rateLimited: 0, deferred: 0, latency: summarize([]), ack: summarize([]) };
  for (const t of items) {
    const o = outcome(t, timeoutMs);
    if (t.sentAt !== undefined) {
      g.sent++;
      g.firstSend = Math.min(g.firstSend ?? Infinity, t.sentAt);
      g.lastSend = Math.max(g.lastSend ?? -Infinity, t.sentAt);
    }
    if (o === 'answered') g.answered++;
    else g.lost++;
    if (o === 'late') g.late++;
    if (t.replies.length > 1) g.doubled++;
    if (t.replies.some((r) => r.rateLimited)) g.rateLimited++;
    if (t.deferred) g.deferred++;
    if (t.replies[0]) g.lastReply = Math.max(g.lastReply ?? -Infinity, t.replies[0].at);
    const l = latency(t, timeoutMs);
    if (l !== undefined) lat.push(l);
    if (t.ackedAt !== undefined && t.sentAt !== undefined) acks.push(t.ackedAt - t.sentAt);
  }
  g.latency = summarize(lat);
  g.ack = summarize(acks);
  return g;
}

export interface Breakdown {
  all: Group;
  platform: Record<Platform, Group>;
  surface: Record<Surface, Group>;
}

export function breakdown(items: readonly Tracked[], timeoutMs: number): Breakdown {
  const of = (f: (t: Tracked) => boolean) => group(items.filter(f), timeoutMs);
  const surface = {} as Record<Surface, Group>;
  for (const s of ['slack-channel', 'slack-dm', 'slack-command', 'discord-channel', 'discord-dm', 'discord-command'] as const) surface[s] = of((t) => `${t.q.platform}-${t.q.kind}` === s);
  return { all: of(() => true), platform: { slack: of((t) => t.q.platform === 'slack'), discord: of((t) => t.q.platform === 'discord') }, surface };
}

export interface StepStats {
  step: Step;
  groups: Breakdown;
  /** Achieved sending rate, questions per second. */
  sendRate: number;
  /** Event-loop delay while the step was sent (the bot, the fakes and this script share one loop). */
  loopDelay: { p99: number; max: number };
  /** The bot kept up: see SUSTAINED. */
  sustained: boolean;
}

/** What "sustained" means for a rate step: nothing lost or doubled, acks and replies in time, and the load really sent at that rate. */
export const SUSTAINED = { ackP99Ms: 1000, replyP99Ms: 3000, sendRateShare: 0.9 } as const;

export function isSustained(g: Group, plannedRate: number, sendRate: number): boolean {
  return g.lost === 0 && g.doubled === 0 && g.ack.n > 0 && g.ack.p99 < SUSTAINED.ackP99Ms && g.latency.p99 < SUSTAINED.replyP99Ms && sendRate >= SUSTAINED.sendRateShare * plannedRate;
}

/** The highest step sustained, with every step below it sustained too; undefined if the first was not. */
export function highestSustained(steps: readonly StepStats[]): StepStats | undefined {
  let best: StepStats | undefined;
  for (const s of steps) {
    if (!s.sustained) break;
    best = s;
  }
  return best;
}
