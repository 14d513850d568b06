/**
 * The traffic plan: which question is asked when, by whom, where, and which deliveries are repeated.
 * Pure and deterministic (seeded): the same options give the same plan. Times are milliseconds from
 * the start of the run.
 *
 * - Steps of rising rate: startRate, 2×, 4×… up to maxRate, each lasting the same time, so the
 *   questions split in proportion to the rates.
 * - A mix of surfaces: Slack mentions, DMs and /ask; Discord mentions, DMs and /ask.
 * - Regular users ask at most QUESTIONS_PER_USER questions each, never the same one twice, so no
 *   rate limit fires for them and every (platform, user, question) is one question log row.
 * - Slack redelivers some events: retries (X-Slack-Retry-Num), the same event_id again, and DMs that
 *   mention the bot arriving as message.im and app_mention. None may be answered or logged again.
 * - One user per platform asks a burst, faster than the per-user limit: the excess must be refused
 *   politely (a reply saying to wait, and a row with reason rate-limited).
 */

import { rng } from '../../src/random.ts';

export type Platform = 'slack' | 'discord';
export type Kind = 'channel' | 'dm' | 'command';
export type Surface = `${Platform}-${Kind}`;
export const SURFACES: readonly Surface[] = ['slack-channel', 'slack-dm', 'slack-command', 'discord-channel', 'discord-dm', 'discord-command'];

/**
 * Share of the regular questions per surface. Discord lets a bot make 50 REST requests a second
 * (discord.js holds it to that); interaction callbacks are exempt, but replies to mentions and DMs
 * are channel messages under that limit. At the default top rate (200 q/s) mentions and DMs ask for
 * 36 replies a second, within it; higher --max-rate shows the cap.
 */
export const MIX: Record<Surface, number> = {
  'slack-channel': 0.25,
  'slack-dm': 0.12,
  'slack-command': 0.13,
  'discord-channel': 0.12,
  'discord-dm': 0.06,
  'discord-command': 0.32,
};

/** The bot's per-user limit in the run (the production default); regular users stay far below it. */
export const USER_LIMIT_PER_MINUTE = 10;
const QUESTIONS_PER_USER = 3;
/** Slack channels the mentions are spread over (Discord's are given, see DISCORD_CHANNELS). */
const SLACK_CHANNELS = 20;
/** How many Discord guild channels a run uses. */
export const DISCORD_CHANNELS = 20;

/** Fractions of Slack deliveries repeated. */
const P_RETRY = 0.03;
const P_SAME_EVENT = 0.02;
/** Share of Slack DMs that mention the bot, so Slack sends them twice (message.im and app_mention). */
const P_DM_MENTION = 0.25;
/** Share of Discord /ask in a DM with the bot, and with private:true. */
const P_DISCORD_DM_COMMAND = 0.1;
const P_PRIVATE = 0.2;

export interface Step {
  index: number;
  /** Planned rate, questions per second. */
  rate: number;
  startMs: number;
  endMs: number;
  /** Regular questions planned in this step. */
  questions: number;
}

export interface PlannedQuestion {
  id: number;
  platform: Platform;
  kind: Kind;
  text: string;
  userId: string;
  /** Slack: the channel (Cxxx, or the user's DM Dxxx); Discord: the channel id (guild channel or the user's DM). */
  channelId: string;
  atMs: number;
  /** Its rate step; -1 for the burst. */
  step: number;
  burst: boolean;
  /** Slack DM that mentions the bot (delivered as message.im and app_mention). */
  mentionsInDm?: boolean;
  /** Discord /ask: in a DM with the bot, and/or private (ephemeral). */
  dm?: boolean;
  private?: boolean;
}

export type DupKind = 'retry' | 'same-event' | 'dm-as-mention';
export const DUP_KINDS: readonly DupKind[] = ['retry', 'same-event', 'dm-as-mention'];

export interface PlannedDup {
  /** The question whose delivery is repeated. */
  of: number;
  kind: DupKind;
  atMs: number;
  /** X-Slack-Retry-Num of a retry. */
  retryNum?: number;
}

export type PlanEvent = { type: 'question'; q: PlannedQuestion } | { type: 'dup'; d: PlannedDup; q: PlannedQuestion };

export interface Plan {
  steps: Step[];
  questions: PlannedQuestion[];
  dups: PlannedDup[];
  /** Everything to send, in time order. */
  events: PlanEvent[];
  /** When the last event is due. */
  lastAtMs: number;
}

export interface PlanOptions {
  questions: number;
  startRate: number;
  maxRate: number;
  burst: number;
  seed: number;
  /** Question texts to draw from (Korean and English). */
  texts: readonly string[];
  /** Discord guild text channels to spread mentions and /ask over (the first takes the burst). */
  discordGuildChannels: readonly string[];
}

/** startRate, 2×, 4×… and maxRate last. */
export function rates(startRate: number, maxRate: number): number[] {
  const out: number[] = [];
  for (let r = startRate; r < maxRate && out.length < 30; r *= 2) out.push(r);
  out.push(maxRate);
  return out;
}

/** Steps of equal duration whose questions add up to `total`. */
export function planSteps(total: number, startRate: number, maxRate: number): Step[] {
  const rs = rates(startRate, maxRate);
  const sum = rs.reduce((a, b) => a + b, 0);
  const stepMs = (total / sum) * 1000;
  let given = 0;
  return rs.map((rate, index) => {
    const questions = index === rs.length - 1 ? total - given : Math.round((total * rate) / sum);
    given += questions;
    return { index, rate, startMs: index * stepMs, endMs: (index + 1) * stepMs, questions };
  });
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Slack ids: U/C/D and uppercase alphanumerics. */
const slackUser = (pool: string, n: number) => `U${pool}${pad(n, 7)}`;
const slackDm = (user: string) => `D${user.slice(1)}`;
/** Discord ids: 18-digit numbers (snowflake-shaped) in a range per pool. */
const discordId = (pool: number, n: number) => `${pool}${pad(n, 17)}`;
export const DISCORD_POOLS = { channel: 1, dm: 2, command: 3, burst: 4, dmChannel: 5 } as const;
/** The DM channel between the bot and a Discord user. */
export const discordDmChannel = (userId: string) => `${DISCORD_POOLS.dmChannel}${userId.slice(1)}`;

export function buildPlan(o: PlanOptions): Plan {
  if (o.texts.length < Math.max(QUESTIONS_PER_USER, o.burst)) throw new Error(`need at least ${Math.max(QUESTIONS_PER_USER, o.burst)} question texts`);
  const random = rng(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const steps = planSteps(o.questions, o.startRate, o.maxRate);

  // Surfaces in proportion to MIX, shuffled (exact counts, random order).
  const surfaces: Surface[] = [];
  let assigned = 0;
  SURFACES.forEach((s, i) => {
    const n = i === SURFACES.length - 1 ? o.questions - assigned : Math.round(o.questions * MIX[s]);
    assigned += n;
    for (let k = 0; k < n; k++) surfaces.push(s);
  });
  for (let i = surfaces.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [surfaces[i], surfaces[j]] = [surfaces[j]!, surfaces[i]!];
  }

  // Users per surface: each asks up to QUESTIONS_PER_USER different questions (Slack DM users one,
  // since a DM answer carries nothing but its channel to match it by).
  const asked = new Map<Surface, number>();
  const textsOf = new Map<string, Set<string>>();
  const userFor = (s: Surface): string => {
    const k = asked.get(s) ?? 0;
    asked.set(s, k + 1);
    switch (s) {
      case 'slack-channel':
        return slackUser('M', Math.floor(k / QUESTIONS_PER_USER));
      case 'slack-command':
        return slackUser('C', Math.floor(k / QUESTIONS_PER_USER));
      case 'slack-dm':
        return slackUser('D', k);
      case 'discord-channel':
        return discordId(DISCORD_POOLS.channel, Math.floor(k / QUESTIONS_PER_USER));
      case 'discord-dm':
        return discordId(DISCORD_POOLS.dm, Math.floor(k / QUESTIONS_PER_USER));
      case 'discord-command':
        return discordId(DISCORD_POOLS.command, Math.floor(k / QUESTIONS_PER_USER));
    }
  };
  /** A text this user has not asked on this platform yet. */
  const textFor = (platform: Platform, user: string): string => {
    const key = `${platform}:${user}`;
    const seen = textsOf.get(key) ?? new Set<string>();
    textsOf.set(key, seen);
    let t = pick(o.texts);
    for (let tries = 0; seen.has(t) && tries < 1000; tries++) t = pick(o.texts);
    if (seen.has(t)) t = o.texts.find((x) => !seen.has(x))!;
    seen.add(t);
    return t;
  };

  const questions: PlannedQuestion[] = [];
  let id = 0;
  let next = 0;
  for (const step of steps) {
    for (let j = 0; j < step.questions; j++) {
      const surface = surfaces[next++]!;
      const [platform, kind] = surface.split('-') as [Platform, Kind];
      const userId = userFor(surface);
      const q: PlannedQuestion = {
        id: id++,
        platform,
        kind,
        text: textFor(platform, userId),
        userId,
        channelId: '',
        atMs: step.startMs + (j * 1000) / step.rate,
        step: step.index,
        burst: false,
      };
      if (platform === 'slack') {
        q.channelId = kind === 'dm' ? slackDm(userId) : `C0LOAD${pad(Math.floor(random() * SLACK_CHANNELS), 3)}`;
        if (kind === 'dm' && random() < P_DM_MENTION) q.mentionsInDm = true;
      } else {
        if (kind === 'dm' || (kind === 'command' && random() < P_DISCORD_DM_COMMAND)) q.dm = true;
        if (kind === 'command' && random() < P_PRIVATE) q.private = true;
        q.channelId = q.dm ? discordDmChannel(userId) : pick(o.discordGuildChannels);
      }
      questions.push(q);
    }
  }

  // The burst: one user per platform, 20 ms apart, early in the second step (the first if only one).
  const burstStep = steps[Math.min(1, steps.length - 1)]!;
  const burstAt = burstStep.startMs + Math.min(200, (burstStep.endMs - burstStep.startMs) / 4);
  for (const platform of ['slack', 'discord'] as const) {
    const userId = platform === 'slack' ? slackUser('B', 1) : discordId(DISCORD_POOLS.burst, 1);
    for (let k = 0; k < o.burst; k++) {
      questions.push({
        id: id++,
        platform,
        kind: platform === 'slack' ? 'channel' : 'command',
        text: textFor(platform, userId),
        userId,
        channelId: platform === 'slack' ? 'C0BURST00' : o.discordGuildChannels[0]!,
        atMs: burstAt + k * 20 + (platform === 'discord' ? 10 : 0),
        step: -1,
        burst: true,
      });
    }
  }

  // Slack redeliveries of events (not of slash commands, which Slack never retries).
  const dups: PlannedDup[] = [];
  for (const q of questions) {
    if (q.platform !== 'slack' || q.kind === 'command' || q.burst) continue;
    if (random() < P_RETRY) {
      // Slack retries after 3 s without an ack; some arrive while the first is still being answered.
      dups.push({ of: q.id, kind: 'retry', atMs: q.atMs + (random() < 0.5 ? 5 + random() * 100 : 3000), retryNum: 1 + Math.floor(random() * 3) });
    }
    if (random() < P_SAME_EVENT) dups.push({ of: q.id, kind: 'same-event', atMs: q.atMs + random() * 500 });
    if (q.mentionsInDm) dups.push({ of: q.id, kind: 'dm-as-mention', atMs: q.atMs + random() * 20 });
  }

  const byId = new Map(questions.map((q) => [q.id, q]));
  const events: PlanEvent[] = [
    ...questions.map((q): PlanEvent => ({ type: 'question', q })),
    ...dups.map((d): PlanEvent => ({ type: 'dup', d, q: byId.get(d.of)! })),
  ];
  const at = (e: PlanEvent) => (e.type === 'question' ? e.q.atMs : e.d.atMs);
  // Stable: a question before its own repeats at the same instant.
  events.sort((a, b) => at(a) - at(b) || (a.type === b.type ? 0 : a.type === 'question' ? -1 : 1));
  return { steps, questions, dups, events, lastAtMs: events.length ? at(events.at(-1)!) : 0 };
}
