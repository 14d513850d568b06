/**
 * The whole bot as `npm start` runs it: a real process on the real corpus against a local fake
 * Slack; health and readiness on the HTTP port; a question answered and logged; SIGTERM ends it
 * cleanly with exit code 0 and the question log flushed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BOT_TOKEN, eventEnvelope, FakeSlack, postEvent, SIGNING_SECRET } from '../slack/fake-slack.ts';

let fake: FakeSlack;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecycle-'));
const db = path.join(dir, 'questions.db');

beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('starts, is ready, answers, and on SIGTERM finishes and exits 0 with the log flushed', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0', // a free port; the bot logs which
      QUESTION_LOG: db,
      QUESTION_LOG_HASH_KEY: 'a-test-key-of-enough-length',
      LOG_FORMAT: 'json',
      CORPUS_WATCH: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stdout.on('data', (d) => (logs += d));
  child.stderr.on('data', (d) => (logs += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const port = await until(async () => /listening on port (\d+)/.exec(logs)?.[1]);
    const base = `http://127.0.0.1:${port}`;
    const ready = await until(async () => {
      const r = await fetch(`${base}/readyz`);
      return r.status === 200 ? ((await r.json()) as { ready: boolean; platforms: Record<string, string>; corpus: { facts: number } }) : undefined;
    });
    expect(ready).toMatchObject({ ready: true, platforms: { slack: 'connected' } });
    expect(ready.corpus.facts).toBeGreaterThan(100);
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: 'ok' });

    const res = await postEvent(`${base}/slack/events`, eventEnvelope({ type: 'app_mention', user: 'U123', text: '<@UBOT0001> GPU 몇 장 지원돼?', ts: '1700000000.000100', channel: 'C1', event_ts: '1700000000.000100' }));
    expect(res.status).toBe(200);
    await until(async () => (fake.calls.some((c) => c.method === 'chat.postMessage') ? true : undefined));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const rows = new Database(db, { readonly: true }).prepare('select count(*) n from questions').get() as { n: number };
    expect(rows.n).toBe(1);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
  } finally {
    child.kill('SIGKILL');
  }
}, 60_000);
