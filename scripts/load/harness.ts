/**
 * The system under load, all on 127.0.0.1: the fake Slack and fake Discord in this thread, and the
 * bot (bot.ts) in a worker thread of its own, or in this thread with `inProcess`. The question log's
 * SQLite file lives in a temporary folder; `close()` stops everything and removes it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EVENTS_PATH } from '../../adapters/slack/index.ts';
import { FakeDiscord } from '../../tests/discord/fake-discord.ts';
import { FakeSlack } from '../../tests/slack/fake-slack.ts';
import { startBot, STOP_TIMEOUT_MS, type BotHandle, type BotSettings, type BotStopReport } from './bot.ts';
import type { FromBot, ToBot } from './bot-worker.ts';

const START_TIMEOUT_MS = 60_000;

export interface Harness {
  slack: FakeSlack;
  discord: FakeDiscord;
  /** POST /slack/events of the running bot. */
  appUrl: string;
  slackPort: number;
  /** The question log's SQLite file. */
  dbPath: string;
  /** Key the log hashes user ids with (to match rows to questions). */
  hashKey: string;
  /** Whether the bot runs in a worker thread. */
  isolated: boolean;
  /** Stops the bot gracefully (flushing the log); once. */
  stopBot(): Promise<BotStopReport>;
  /** Stops everything and removes the temporary folder. Safe to call twice. */
  close(): Promise<void>;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Starts bot-worker.ts in a worker thread. The worker gets no TypeScript loader from its parent
 * (neither under tsx nor under vitest), so a small bootstrap registers tsx's loader first.
 */
async function startBotWorker(settings: BotSettings): Promise<{ bot: BotHandle; terminate: () => Promise<void> }> {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./bot-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: settings });
  const messages: FromBot[] = [];
  const waiters: (() => void)[] = [];
  let exited: string | undefined;
  const wake = () => waiters.splice(0).forEach((w) => w());
  worker.on('message', (m: FromBot) => (messages.push(m), wake()));
  worker.on('error', (e) => ((exited ??= `the bot's worker failed: ${e.stack ?? e.message}`), wake()));
  worker.on('exit', (code) => ((exited ??= `the bot's worker exited (code ${code})`), wake()));
  const next = async <T extends FromBot['type']>(type: T): Promise<Extract<FromBot, { type: T }>> => {
    for (;;) {
      const m = messages.find((x) => x.type === type || x.type === 'failed');
      if (m?.type === 'failed') throw new Error(`the bot did not start: ${m.error}`);
      if (m) return m as Extract<FromBot, { type: T }>;
      if (exited) throw new Error(exited);
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  const terminate = async () => void (await worker.terminate());
  try {
    const ready = await withTimeout(next('ready'), START_TIMEOUT_MS, 'starting the bot');
    let stopping: Promise<BotStopReport> | undefined;
    const bot: BotHandle = {
      slackPort: ready.slackPort,
      stop: () =>
        (stopping ??= (async () => {
          worker.postMessage({ type: 'stop' } satisfies ToBot);
          return (await withTimeout(next('stopped'), STOP_TIMEOUT_MS + 5_000, 'stopping the bot')).report;
        })()),
    };
    return { bot, terminate };
  } catch (e) {
    await terminate();
    throw e;
  }
}

export async function startHarness(opts: { inProcess?: boolean } = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sovereign-load-'));
  const dbPath = path.join(dir, 'questions.db');
  const hashKey = crypto.randomBytes(32).toString('hex');
  const cleanups: (() => Promise<unknown> | unknown)[] = [() => fs.rmSync(dir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const f of cleanups.splice(0).reverse()) await Promise.resolve().then(f).catch(() => {});
  };
  try {
    const slack = await FakeSlack.start();
    cleanups.push(() => slack.close());
    const discord = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 });
    cleanups.push(() => discord.close());
    const settings: BotSettings = { slackApiUrl: slack.apiUrl, discordApiUrl: discord.apiUrl, dbPath, hashKey };
    let bot: BotHandle;
    if (opts.inProcess) {
      bot = await startBot(settings);
    } else {
      const started = await startBotWorker(settings);
      bot = started.bot;
      cleanups.push(started.terminate);
    }
    cleanups.push(() => bot.stop());
    return {
      slack,
      discord,
      appUrl: `http://127.0.0.1:${bot.slackPort}${EVENTS_PATH}`,
      slackPort: bot.slackPort,
      dbPath,
      hashKey,
      isolated: !opts.inProcess,
      stopBot: () => bot.stop(),
      close: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
