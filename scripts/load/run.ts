/**
 * One load run: start the fakes and the bot, send the plan at its rising rate, wait for the replies
 * (each for at most the timeout), stop the bot so the question log flushes, count its rows, close
 * everything. Every loop is bounded by a count and a deadline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { loadEvalSet } from '../lib/eval-set.ts';
import { DiscordDriver } from './discord-driver.ts';
import { startHarness } from './harness.ts';
import { checkLog, type LogCheck } from './log-check.ts';
import { Matcher } from './matcher.ts';
import type { LoadOptions } from './options.ts';
import { buildPlan, DISCORD_CHANNELS, type Plan, type Platform } from './plan.ts';
import { SlackDriver } from './slack-driver.ts';
import { judge, type Check } from './checks.ts';
import { breakdown, group, isSustained, type Breakdown, type Group, type StepStats } from './stats.ts';

/** Sending may fall this far behind the plan before the rest is abandoned (counted as unsent). */
const MAX_SEND_LAG_MS = 60_000;
/** After the last reply is due, how long to keep watching for doubled replies. */
const GRACE_MS = 1_000;
/** Yield to the event loop at least this often while catching up on a backlog of due sends. */
const YIELD_EVERY = 25;

export type { Check };

export interface LoadResult {
  options: LoadOptions;
  plan: Plan;
  readyz: number;
  /** From the first send to the last first-reply, ms. */
  durationMs: number;
  regular: Breakdown;
  burst: Record<Platform, Group>;
  steps: StepStats[];
  loopDelay: { p50: number; p99: number; max: number };
  dupsSent: Map<string, number>;
  dupErrors: number;
  unexpectedReplies: { key: string; via: string }[];
  log: LogCheck;
  logStatus: { written: number; dropped: number };
  stoppedCleanly: boolean;
  botLog: { counts: Record<string, number>; kept: string[] };
  /** The bot ran in a worker thread of its own. */
  isolated: boolean;
  /** Where the run's question log was kept (--keep-log), or why it could not be. */
  keptLog?: { file: string; error?: string };
  checks: Check[];
  pass: boolean;
}

/** monitorEventLoopDelay's sampling interval; its figures include it, so it is taken off. */
const LOOP_RESOLUTION_MS = 5;
/** A delay figure of the histogram (ns, sampling interval included) as lag in ms. */
const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

/**
 * Runs the load. `signal` (e.g. Ctrl-C) stops sending and waiting early; everything is still
 * stopped, checked and cleaned up, and what was not sent fails the run.
 */
export async function runLoad(options: LoadOptions, progress: (line: string) => void = () => {}, signal?: AbortSignal): Promise<LoadResult> {
  const texts = [...new Set(loadEvalSet().map((q) => q.q.trim()))].filter((t) => t.length > 0);
  const harness = await startHarness({ inProcess: options.inProcess });
  try {
    const readyz = (await fetch(`http://127.0.0.1:${harness.slackPort}/readyz`, { signal: AbortSignal.timeout(5_000) })).status;
    const matcher = new Matcher();
    const discord = new DiscordDriver(harness.discord, matcher);
    const plan = buildPlan({ ...options, texts, discordGuildChannels: discord.guildChannels(DISCORD_CHANNELS) });
    for (const q of plan.questions) matcher.add(q);
    const slack = new SlackDriver(harness.slack, harness.appUrl, matcher, plan.dups);
    progress(
      `plan: ${plan.questions.length - 2 * options.burst} questions + ${2 * options.burst} in bursts + ${plan.dups.length} repeated deliveries, ` +
        `steps ${plan.steps.map((s) => s.rate).join(' → ')} q/s of ${(plan.steps[0]!.endMs / 1000).toFixed(1)} s each; readyz ${readyz}`,
    );

    // --- send, on schedule ---------------------------------------------------------------------
    const total = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    const perStep = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    total.enable();
    perStep.enable();
    const stepDelay: { p99: number; max: number }[] = [];
    let stepIndex = 0;
    const t0 = performance.now();
    let sinceYield = 0;
    let abandoned = 0;
    for (let i = 0; i < plan.events.length; i++) {
      const e = plan.events[i]!;
      const at = e.type === 'question' ? e.q.atMs : e.d.atMs;
      while (stepIndex < plan.steps.length - 1 && at >= plan.steps[stepIndex]!.endMs) {
        stepDelay[stepIndex++] = { p99: ms(perStep.percentile(99)), max: ms(perStep.max) };
        perStep.reset();
        progress(`  step ${stepIndex} sent (${plan.steps[stepIndex - 1]!.rate} q/s)`);
      }
      const wait = t0 + at - performance.now();
      if (wait > 1) {
        await sleep(Math.floor(wait));
        sinceYield = 0;
      } else if (++sinceYield >= YIELD_EVERY) {
        await yieldToLoop();
        sinceYield = 0;
      }
      if (signal?.aborted) {
        abandoned = plan.events.length - i;
        progress(`  interrupted: ${abandoned} events not sent`);
        break;
      }
      if (performance.now() - (t0 + at) > MAX_SEND_LAG_MS) {
        abandoned = plan.events.length - i;
        progress(`  sending fell more than ${MAX_SEND_LAG_MS / 1000} s behind the plan: ${abandoned} events abandoned`);
        break;
      }
      if (e.type === 'question') (e.q.platform === 'slack' ? slack.send(e.q) : discord.send(e.q));
      else slack.repeat(e.d, e.q);
    }
    stepDelay[stepIndex] = { p99: ms(perStep.percentile(99)), max: ms(perStep.max) };
    perStep.disable();
    if (!abandoned) progress(`  step ${stepIndex + 1} sent (${plan.steps[stepIndex]!.rate} q/s), with the repeats due after it`);
    progress(`  ${abandoned ? 'sending stopped' : 'all sent'} in ${((performance.now() - t0) / 1000).toFixed(1)} s; waiting for replies`);

    // --- wait for replies: each question at most the timeout after it was sent ----------------------
    const lastSent = performance.now();
    const replyDeadline = lastSent + options.replyTimeoutMs + 100;
    while (!signal?.aborted && performance.now() < replyDeadline && matcher.pending(performance.now(), options.replyTimeoutMs) > 0) await sleep(25);
    await slack.drain(signal?.aborted ? 1_000 : options.replyTimeoutMs);
    await sleep(GRACE_MS); // late doubles and answers to repeats would show up now
    total.disable();

    // --- stop the bot (drains answers in flight, flushes and closes the question log) -------------
    const stop = await harness.stopBot();
    await sleep(100); // a reply racing the stop still reaches the fakes' records
    const log = checkLog(harness.dbPath, harness.hashKey, plan.questions);
    const keptLog = options.keepLog === undefined ? undefined : keepLog(harness.dbPath, options.keepLog);

    // --- figures --------------------------------------------------------------------------------
    const all = [...matcher.tracked.values()];
    const regularItems = all.filter((t) => !t.q.burst);
    const regular = breakdown(regularItems, options.replyTimeoutMs);
    const burstOf = (p: Platform) => group(all.filter((t) => t.q.burst && t.q.platform === p), options.replyTimeoutMs);
    const burst = { slack: burstOf('slack'), discord: burstOf('discord') };
    const steps: StepStats[] = plan.steps.map((step, i) => {
      const items = regularItems.filter((t) => t.q.step === step.index);
      const groups = breakdown(items, options.replyTimeoutMs);
      const span = (groups.all.lastSend ?? 0) - (groups.all.firstSend ?? 0);
      const sendRate = span > 0 ? ((groups.all.sent - 1) * 1000) / span : groups.all.sent;
      return { step, groups, sendRate, loopDelay: stepDelay[i] ?? { p99: NaN, max: NaN }, sustained: isSustained(groups.all, step.rate, sendRate) };
    });
    const firstSend = Math.min(...all.map((t) => t.sentAt ?? Infinity));
    const lastReply = Math.max(...all.map((t) => t.replies[0]?.at ?? -Infinity));
    const result: Omit<LoadResult, 'checks' | 'pass'> = {
      options,
      plan,
      readyz,
      durationMs: Number.isFinite(lastReply - firstSend) ? lastReply - firstSend : 0,
      regular,
      burst,
      steps,
      loopDelay: { p50: ms(total.percentile(50)), p99: ms(total.percentile(99)), max: ms(total.max) },
      dupsSent: matcher.dupsSent,
      dupErrors: matcher.dupErrors,
      unexpectedReplies: matcher.unexpected,
      log,
      logStatus: stop.log,
      stoppedCleanly: stop.stopped,
      botLog: stop.logger,
      isolated: harness.isolated,
      ...(keptLog ? { keptLog } : {}),
    };
    const checks = judge(result, all, abandoned);
    return { ...result, checks, pass: checks.every((c) => c.ok) };
  } finally {
    await harness.close();
  }
}

/** Copies the run's (closed) question log to `file`, never over an existing file. */
function keepLog(from: string, file: string): { file: string; error?: string } {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.copyFileSync(from, file, fs.constants.COPYFILE_EXCL);
    return { file };
  } catch (e) {
    return { file, error: (e as Error).message };
  }
}
