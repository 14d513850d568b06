/**
 * Follow-up questions in Slack, through the bot started as `npm start` (a child process) against the
 * fake Slack: in a thread the bot answered, the asker's reply without a mention is answered there as
 * a follow-up; anyone else's, or the asker's after FOLLOWUP_TTL_MINUTES, is left alone; a mention in
 * the thread is read against it whoever asks; a DM follows its last answer. The bot's own messages
 * and other bots' never get an answer, and one reply delivered twice is answered once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Turn } from '../../src/index.ts';
import { startBotProcess, until, type BotProcess } from '../helpers/bot-process.ts';
import { BOT_TOKEN, BOT_USER_ID, eventEnvelope, FakeSlack, postEvent, SIGNING_SECRET } from './fake-slack.ts';

const engine = loadEngine();
const ASKER = 'U0ASKER001';
const OTHER = 'U0OTHER002';
const CHANNEL = 'C0FOLLOW01';
let fake: FakeSlack;
let tsCounter = 0;
const nextTs = () => `1750000000.${String(++tsCounter).padStart(6, '0')}`;

/** The bot as `npm start` runs it against the fake Slack, and its events URL. */
async function start(env: Record<string, string> = {}): Promise<{ bot: BotProcess; events: string }> {
  const bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_CHANNEL_PER_MINUTE: '0', ...env });
  return { bot, events: `http://127.0.0.1:${await bot.port(30_000)}/slack/events` };
}

let main: { bot: BotProcess; events: string };

beforeAll(async () => {
  fake = await FakeSlack.start();
  main = await start();
}, 60_000);

afterAll(async () => {
  await main?.bot.kill();
  await fake?.close();
});

const postsTo = (channel: string, threadTs?: string) => fake.calledWith('chat.postMessage').filter((c) => c.args.channel === channel && c.args.thread_ts === threadTs);
const mention = (user: string, text: string, thread?: string) => ({ type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${text}`, ts: nextTs(), channel: CHANNEL, channel_type: 'channel', ...(thread ? { thread_ts: thread } : {}) });
/** A message in a thread of the channel, as message.channels delivers it. */
const reply = (user: string, text: string, thread: string, extra: Record<string, unknown> = {}) => ({ type: 'message', channel_type: 'channel', user, text, ts: nextTs(), thread_ts: thread, channel: CHANNEL, ...extra });
/** The answer lines the bot logged (JSON), newest last. */
const answerLines = (bot: BotProcess) =>
  bot
    .logs()
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"msg":"answer"'))
    .map((l) => JSON.parse(l) as { outcome: string; factId: string | null; followUp: string | null });
/** The first `n` answer lines, once written (pino writes asynchronously, maybe after the post). */
const linesUpTo = (bot: BotProcess, n: number) => until(() => (answerLines(bot).length >= n ? answerLines(bot).slice(0, n) : undefined), 5000, `answer line ${n}`);
const settle = () => new Promise((r) => setTimeout(r, 800));

/** Posts `event`, waits for the `n`th post in that thread (or DM), and returns the posts there. */
async function answered(events: string, event: Record<string, unknown>, where: [string, string | undefined], n: number) {
  expect((await postEvent(events, eventEnvelope(event))).status).toBe(200);
  return fake.waitFor(() => postsTo(...where).length >= n && postsTo(...where), 10_000, `post ${n} in ${where.join(' ')}`);
}

/** The turn the engine keeps after `question` (what the bot keeps for the thread). */
const turnAfter = (question: string, previous?: Turn) => engine.askInThread(question, previous).turn!;

describe('a thread the bot answered', () => {
  let thread: string;
  let first: Turn;

  it('a mention is answered in its thread, as before', async () => {
    const m = mention(ASKER, '루닛 컨소시엄 GPU 몇 장 받아?');
    thread = m.ts;
    const [post] = await answered(main.events, m, [CHANNEL, thread], 1);
    first = turnAfter('루닛 컨소시엄 GPU 몇 장 받아?');
    expect(JSON.stringify(post!.args.blocks)).toContain(engine.ask('루닛 컨소시엄 GPU 몇 장 받아?').answers[0]!.text.slice(0, 20));
  });

  it("the asker's reply without a mention is answered in the thread as a follow-up", async () => {
    const expected = engine.askInThread('그럼 KAIST는?', first);
    expect(expected.followUp?.kind).toBe('entity-swap');
    const posts = await answered(main.events, reply(ASKER, '그럼 KAIST는?', thread), [CHANNEL, thread], 2);
    expect(JSON.stringify(posts[1]!.args.blocks)).toContain(expected.answers[0]!.text.slice(0, 20));
    expect((await linesUpTo(main.bot, 2))[1]).toMatchObject({ outcome: 'answered', factId: expected.answers[0]!.factId, followUp: 'entity-swap' });
    first = expected.turn!;
  });

  it("the same from another user is not the bot's: no answer, nothing logged", async () => {
    expect((await postEvent(main.events, eventEnvelope(reply(OTHER, '그럼 KAIST는?', thread)))).status).toBe(200);
    await settle();
    expect(postsTo(CHANNEL, thread)).toHaveLength(2);
    expect(answerLines(main.bot)).toHaveLength(2);
  });

  it("the asker's chatter that is no question for the bot gets nothing", async () => {
    expect((await postEvent(main.events, eventEnvelope(reply(ASKER, '고마워요 ㅎㅎ', thread)))).status).toBe(200);
    // Addressed to a colleague: theirs, even if it reads like a follow-up.
    expect((await postEvent(main.events, eventEnvelope(reply(ASKER, `<@${OTHER}> 출처 더 보여줘`, thread)))).status).toBe(200);
    await settle();
    expect(postsTo(CHANNEL, thread)).toHaveLength(2);
  });

  it('never answers its own messages or another bot in the thread', async () => {
    for (const event of [
      reply(BOT_USER_ID, '출처 더 보여줘', thread),
      reply('U0OTHERBOT', '출처 더 보여줘', thread, { bot_id: 'BOTHER01' }),
      reply('U0OTHERBOT', '출처 더 보여줘', thread, { subtype: 'bot_message', bot_id: 'BOTHER01' }),
      reply(ASKER, '출처 더 보여줘', thread, { subtype: 'thread_broadcast' }),
    ]) {
      expect((await postEvent(main.events, eventEnvelope(event))).status).toBe(200);
    }
    await settle();
    expect(postsTo(CHANNEL, thread)).toHaveLength(2);
  });

  it("a reply delivered twice (a retry) is answered once; a mention arriving also as a message event, once", async () => {
    const event = reply(ASKER, '출처 더 보여줘', thread);
    const envelope = eventEnvelope(event);
    expect((await postEvent(main.events, envelope)).status).toBe(200);
    expect((await postEvent(main.events, envelope, { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } })).status).toBe(200);
    const posts = await fake.waitFor(() => postsTo(CHANNEL, thread).length >= 3 && postsTo(CHANNEL, thread), 10_000, 'the sources');
    // A "sources" follow-up: the last answer's fact with every one of its sources.
    const last = engine.askInThread('출처 더 보여줘', first);
    expect(last.followUp?.kind).toBe('sources');
    const blocks = JSON.stringify(posts[2]!.args.blocks);
    expect(blocks).toContain('출처 전체');
    for (const s of last.answers[0]!.sources) expect(blocks).toContain(s.publisher);

    // Another user mentions the bot in the thread: read against the thread, whoever asks.
    const m = mention(OTHER, 'in English please', thread);
    expect((await postEvent(main.events, eventEnvelope(m))).status).toBe(200);
    expect((await postEvent(main.events, eventEnvelope({ ...m, type: 'message' }))).status).toBe(200);
    const all = await fake.waitFor(() => postsTo(CHANNEL, thread).length >= 4 && postsTo(CHANNEL, thread), 10_000, 'the English answer');
    const english = engine.askInThread('in English please', last.turn);
    expect(english).toMatchObject({ lang: 'en', followUp: { kind: 'language' } });
    expect(JSON.stringify(all[3]!.args.blocks)).toContain(english.answers[0]!.text.slice(0, 30));
    await settle();
    expect(postsTo(CHANNEL, thread)).toHaveLength(4);
    expect((await linesUpTo(main.bot, 4)).slice(2).map((l) => l.followUp)).toEqual(['sources', 'language']);
  });

  it('the asker is now the other user: their reply without a mention follows up, the first asker needs a mention', async () => {
    expect((await postEvent(main.events, eventEnvelope(reply(ASKER, '한국어로', thread)))).status).toBe(200);
    await settle();
    expect(postsTo(CHANNEL, thread)).toHaveLength(4);
    const posts = await answered(main.events, reply(OTHER, '한국어로', thread), [CHANNEL, thread], 5);
    expect(JSON.stringify(posts[4]!.args.blocks)).toContain(engine.askInThread('한국어로', first).answers[0]!.text.slice(0, 20));
  });
});

describe('a DM', () => {
  it('follows its last answer', async () => {
    const dm = 'D0FOLLOW01';
    const message = (text: string) => ({ type: 'message', channel_type: 'im', user: ASKER, text, ts: nextTs(), channel: dm });
    await answered(main.events, message('How many GPUs does each team get?'), [dm, undefined], 1);
    const posts = await answered(main.events, message('since when?'), [dm, undefined], 2);
    const expected = engine.askInThread('since when?', turnAfter('How many GPUs does each team get?'));
    expect(expected.followUp?.kind).toBe('attribute-swap');
    expect(JSON.stringify(posts[1]!.args.blocks)).toContain(expected.answers[0]!.text.slice(0, 30));
    expect((await linesUpTo(main.bot, 7))[6]).toMatchObject({ followUp: 'attribute-swap', factId: expected.answers[0]!.factId });
  });
});

describe('a reply typed the moment the answer appears', () => {
  it('follows it up: the answer is remembered before it is posted', async () => {
    fake.postDelayMs = 1500; // Slack slow to confirm the post: the bot is still waiting when the reply comes
    try {
      const m = mention(ASKER, '루닛 컨소시엄 GPU 몇 장 받아?');
      expect((await postEvent(main.events, eventEnvelope(m))).status).toBe(200);
      await fake.waitFor(() => postsTo(CHANNEL, m.ts).length === 1, 10_000, 'the answer posted');
      const expected = engine.askInThread('그럼 KAIST는?', turnAfter('루닛 컨소시엄 GPU 몇 장 받아?'));
      const posts = await answered(main.events, reply(ASKER, '그럼 KAIST는?', m.ts), [CHANNEL, m.ts], 2);
      expect(JSON.stringify(posts[1]!.args.blocks)).toContain(expected.answers[0]!.text.slice(0, 20));
    } finally {
      fake.postDelayMs = 0;
    }
  }, 30_000);
});

describe('after FOLLOWUP_TTL_MINUTES', () => {
  it("the asker's reply without a mention is left alone; a mention is answered on its own", async () => {
    const short = await start({ FOLLOWUP_TTL_MINUTES: '0.03' }); // 1.8 s
    try {
      const m = mention(ASKER, '루닛 컨소시엄 GPU 몇 장 받아?');
      await answered(short.events, m, [CHANNEL, m.ts], 1);
      await answered(short.events, reply(ASKER, '그럼 KAIST는?', m.ts), [CHANNEL, m.ts], 2); // within the time
      await new Promise((r) => setTimeout(r, 2200));
      expect((await postEvent(short.events, eventEnvelope(reply(ASKER, '언제부터?', m.ts)))).status).toBe(200);
      await settle();
      expect(postsTo(CHANNEL, m.ts)).toHaveLength(2);
      await answered(short.events, mention(ASKER, '출처 더 보여줘', m.ts), [CHANNEL, m.ts], 3);
      expect((await linesUpTo(short.bot, 3))[2]!.followUp).toBeNull(); // on its own: the thread's answer has expired
    } finally {
      await short.bot.kill();
    }
  }, 30_000);
});
