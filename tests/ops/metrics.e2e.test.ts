/**
 * GET /metrics and the answer log lines of the bot started as `npm start` (adapters/main.ts)
 * against the fake Slack: questions answered, not found and rate-limited, a 429 waited out and a
 * post refused, each counted by platform, outcome or status; every answer one JSON line of fields
 * (platform, outcome, factId, latencyMs, requestId, shard) without the question's text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, until, type BotProcess } from '../helpers/bot-process.ts';
import { BOT_TOKEN, BOT_USER_ID, commandForm, eventEnvelope, FakeSlack, postCommand, postEvent, SIGNING_SECRET } from '../slack/fake-slack.ts';

let fake: FakeSlack;
let bot: BotProcess;
let base: string;
const MARKER = 'quokka-lantern';

beforeAll(async () => {
  fake = await FakeSlack.start();
  bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', RATE_LIMIT_USER_PER_MINUTE: '1', LOG_LEVEL: 'debug' });
  base = `http://127.0.0.1:${await bot.port()}`;
});

afterAll(async () => {
  await bot?.kill();
  await fake?.close();
});

/** The value of one sample in Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (want.every((w) => have.includes(w)) && have.length === want.length) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('counts questions by outcome, answer time, API retries and errors, and shows the corpus', async () => {
    const mention = (user: string, text: string, ts: string) => ({ type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${text}`, ts, channel: 'C0METRIC1' });
    fake.retryAfterOnce.set('C0METRIC1', 1);
    await postEvent(`${base}/slack/events`, eventEnvelope(mention('U0METRIC1', 'GPU 몇 장 지원돼?', '1750000000.000001')));
    await postEvent(`${base}/slack/events`, eventEnvelope(mention('U0METRIC2', `오늘 날씨 어때? ${MARKER}`, '1750000000.000002')));
    await postEvent(`${base}/slack/events`, eventEnvelope(mention('U0METRIC1', 'B200 몇 장?', '1750000000.000003')));
    // A response_url that answers 404: the post fails.
    await postCommand(`${base}/slack/events`, commandForm('/ask', 'GPU 몇 장 지원돼?', `http://127.0.0.1:${fake.port}/gone/1`, { user_id: 'U0METRIC3' }));

    const text = await until(async () => {
      const t = await (await fetch(`${base}/metrics`)).text();
      return sample(t, 'bot_platform_api_retries_total', { platform: 'slack', status: '429' }) === 1 && sample(t, 'bot_platform_api_errors_total', { platform: 'slack', status: '404' }) === 1 ? t : undefined;
    }, 15_000, 'the retry and the error in /metrics');
    expect(sample(text, 'bot_questions_total', { platform: 'slack', outcome: 'answered' })).toBe(2);
    expect(sample(text, 'bot_questions_total', { platform: 'slack', outcome: 'not_found' })).toBe(1);
    expect(sample(text, 'bot_questions_total', { platform: 'slack', outcome: 'rate_limited' })).toBe(1);
    expect(sample(text, 'bot_answer_duration_seconds_count', { platform: 'slack' })).toBe(4);
    expect(sample(text, 'bot_answer_duration_seconds_bucket', { platform: 'slack', le: '+Inf' })).toBe(4);
    expect(sample(text, 'bot_corpus_facts')).toBeGreaterThan(100);
    expect(Math.abs(sample(text, 'bot_corpus_loaded_timestamp_seconds')! - Date.now() / 1000)).toBeLessThan(120);
    expect(sample(text, 'bot_question_log_dropped_rows')).toBe(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toMatch(/^# HELP bot_questions_total /m);
    expect(text).not.toContain(MARKER);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe('answer logs', () => {
  it('every answer is one JSON line of fields, with no question text at any level', async () => {
    const parsed = () =>
      bot
        .logs()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    // The answer held by the 429 is delivered after its Retry-After (1 s).
    const lines = await until(() => {
      const all = parsed();
      return all.filter((l) => l.msg === 'slack: delivered').length >= 3 ? all : undefined;
    }, 10_000, 'the deliveries in the log');
    const answers = lines.filter((l) => l.msg === 'answer');
    expect(answers).toHaveLength(4);
    for (const a of answers) {
      expect(a).toMatchObject({ level: 30, platform: 'slack', outcome: expect.stringMatching(/^(answered|not_found|rate_limited)$/), latencyMs: expect.any(Number), requestId: expect.stringMatching(/^[0-9a-f]{12}$/), shard: null });
      expect('factId' in a).toBe(true);
    }
    expect(answers.filter((a) => a.outcome === 'answered').every((a) => typeof a.factId === 'string')).toBe(true);
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(4);
    // The delivery (debug) and the failed post (error) name the same request.
    const delivered = lines.filter((l) => l.msg === 'slack: delivered');
    expect(delivered.length).toBe(3);
    for (const d of delivered) expect(answers.map((a) => a.requestId)).toContain(d.requestId);
    const failed = lines.find((l) => String(l.msg).startsWith('slack: could not post /ask'));
    expect(failed).toMatchObject({ level: 50, status: '404', requestId: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(answers.map((a) => a.requestId)).toContain(failed!.requestId);
    expect(lines.some((l) => l.level === 20)).toBe(true); // debug lines were written
    for (const text of [MARKER, '날씨', '지원돼']) expect(bot.logs()).not.toContain(text);
  });
});
