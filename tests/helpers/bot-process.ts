/**
 * The bot as `npm start` runs it (`tsx adapters/main.ts`) in a child process, for end-to-end tests
 * against the local fakes: its logs kept, its ports read from them, its exit awaited.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const HASH_KEY = 'a-test-key-of-enough-length';

export interface BotProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string;
  /** The SQLite question log of this process. */
  db: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Waits for a log line matching `re`; returns the match. */
  waitForLog(re: RegExp, ms?: number): Promise<RegExpExecArray>;
  /** The Slack HTTP port (or HEALTH_PORT), once logged. */
  port(ms?: number): Promise<number>;
  /** GET /readyz's JSON body (any status). */
  readyz(): Promise<Readiness>;
  /** SIGKILL if still running; removes the temporary folder. */
  kill(): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  corpus: { facts: number; version: string; loadedAt: string; lastReloadError?: { at: string; message: string } };
  platforms: Record<string, string>;
}

/** Polls `probe` until it returns something other than undefined (errors count as undefined). */
export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, ms = 20_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts `adapters/main.ts` with a clean environment: `env` on top of JSON logs, no corpus watching,
 * a question log in a temporary folder and a fixed hash key. PORT=0 and HEALTH_PORT=0 pick free ports.
 */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-process-'));
  const db = path.join(dir, 'questions.db');
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], {
    env: { PATH: process.env.PATH, LOG_FORMAT: 'json', CORPUS_WATCH: 'false', QUESTION_LOG: db, QUESTION_LOG_HASH_KEY: HASH_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stdout!.on('data', (d) => (logs += d));
  child.stderr!.on('data', (d) => (logs += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  const waitForLog = (re: RegExp, ms = 20_000) => until(() => re.exec(logs) ?? (running ? undefined : Promise.reject(new Error('exited'))), ms, `log ${re}`).catch((e: Error) => {
    throw new Error(`${e.message}; logs:\n${logs.slice(-4000)}`);
  });
  let port: Promise<number> | undefined;
  const bot: BotProcess = {
    child,
    db,
    logs: () => logs,
    exited,
    waitForLog,
    port: (ms) => (port ??= waitForLog(/(?:listening on port|health: GET \/healthz and \/readyz on port) (\d+)/, ms).then((m) => Number(m[1]))),
    async readyz() {
      const r = await fetch(`http://127.0.0.1:${await bot.port()}/readyz`);
      return (await r.json()) as Readiness;
    },
    async kill() {
      if (running) {
        child.kill('SIGKILL');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return bot;
}
