/**
 * The whole bot as `npm start` runs it: a real process on the real corpus against a local fake
 * Slack; health and readiness on the HTTP port; a question answered and logged; SIGTERM ends it
 * cleanly with exit code 0 and the question log flushed.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBotProcess, until } from '../helpers/bot-process.ts';
import { BOT_TOKEN, eventEnvelope, FakeSlack, postEvent, SIGNING_SECRET } from '../slack/fake-slack.ts';

let fake: FakeSlack;

beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake?.close();
});

it('starts, is ready, answers, and on SIGTERM finishes and exits 0 with the log flushed', async () => {
  const bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0' });
  try {
    const base = `http://127.0.0.1:${await bot.port()}`;
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

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const rows = new Database(bot.db, { readonly: true }).prepare('select count(*) n from questions').get() as { n: number };
    expect(rows.n).toBe(1);
    expect(bot.logs()).not.toContain(BOT_TOKEN);
    expect(bot.logs()).not.toContain(SIGNING_SECRET);
  } finally {
    await bot.kill();
  }
}, 60_000);
