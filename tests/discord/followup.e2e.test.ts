/**
 * Follow-up questions in Discord, through the bot started as `npm start` (a child process) against
 * the fake Discord: a reply to one of the bot's answers is read against that answer, however far
 * back in the chain; a DM follows its last answer; a mention that is no reply and /ask stand alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Turn } from '../../src/index.ts';
import { startBotProcess, until, type BotProcess } from '../helpers/bot-process.ts';
import { FakeDiscord, type RecordedRequest } from './fake-discord.ts';
import { expectNoPings, expectWithinLimits } from './helpers.ts';

const engine = loadEngine();
let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  fake = await FakeDiscord.start({ heartbeatIntervalMs: 250 });
  bot = startBotProcess({ DISCORD_TOKEN: 'followup.test.token', DISCORD_API_URL: fake.apiUrl, HEALTH_PORT: '0', RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_CHANNEL_PER_MINUTE: '0' });
  await until(async () => ((await bot.readyz()).ready ? true : undefined), 30_000, 'ready');
}, 60_000);

afterAll(async () => {
  await bot?.kill();
  await fake?.close();
});

const replyTo = (id: string) => (r: RecordedRequest) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path) && r.body?.message_reference?.message_id === id;

/** Sends a message and resolves with the bot's reply to it: its body and the id the fake gave it. */
async function answer(content: string, opts: Parameters<FakeDiscord['messageCreate']>[1] = {}): Promise<{ body: any; id: string }> {
  const m = fake.messageCreate(content, opts);
  const req = await fake.waitForRequest(replyTo(m.id), 10_000, `the reply to "${content}"`);
  expectNoPings(req.body);
  expectWithinLimits(req.body);
  return { body: req.body, id: fake.posted.find((p) => p.body === req.body)!.id };
}

/** The answer lines the bot logged, newest last. */
const answerLines = () =>
  bot
    .logs()
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"msg":"answer"'))
    .map((l) => JSON.parse(l) as { outcome: string; factId: string | null; followUp: string | null; channelKind: string });
const lastLine = async (n: number) => until(() => (answerLines().length >= n ? answerLines()[n - 1] : undefined), 5000, `answer line ${n}`);

describe('a reply to an answer', () => {
  let first: { body: any; id: string };
  let firstTurn: Turn;

  it('is a follow-up to that answer (the reply pings the bot, as Discord does by default)', async () => {
    first = await answer(`<@${fake.botUser.id}> 루닛 컨소시엄 GPU 몇 장 받아?`, { mentionsBot: true });
    firstTurn = engine.ask('루닛 컨소시엄 GPU 몇 장 받아?').turn!;
    const expected = engine.askInThread('그럼 KAIST는?', firstTurn);
    expect(expected.followUp?.kind).toBe('entity-swap');
    const second = await answer('그럼 KAIST는?', { replyTo: first.id, mentionsBot: true });
    expect(second.body.embeds[0].description).toContain(expected.answers[0]!.text.slice(0, 20));
    expect(second.body.embeds[0].footer.text).toContain(expected.answers[0]!.factId);
    expect(await lastLine(2)).toMatchObject({ outcome: 'answered', followUp: 'entity-swap', factId: expected.answers[0]!.factId });

    // The reply to the follow-up's answer follows that one: every source of its fact, in full.
    const sources = engine.askInThread('출처 더 보여줘', expected.turn);
    const third = await answer('출처 더 보여줘', { replyTo: second.id, mentionsBot: true });
    expect(third.body.embeds[0].title).toMatch(/^출처 전체/);
    for (const s of sources.answers[0]!.sources) expect(third.body.embeds[0].description).toContain(s.publisher);
    expect((await lastLine(3)).followUp).toBe('sources');
  });

  it('an older answer in the chain is still its own context', async () => {
    const english = engine.askInThread('in English please', firstTurn);
    expect(english).toMatchObject({ lang: 'en', followUp: { kind: 'language' } });
    const reply = await answer('in English please', { replyTo: first.id, mentionsBot: true });
    expect(reply.body.embeds[0].title).toBeUndefined(); // just the answer, in English
    expect(reply.body.embeds[0].description).toContain(english.answers[0]!.text.slice(0, 30));
    expect((await lastLine(4)).followUp).toBe('language');
  });

  it('a mention that is no reply stands alone', async () => {
    await answer(`<@${fake.botUser.id}> 그럼 KAIST는?`, { mentionsBot: true });
    expect((await lastLine(5)).followUp).toBeNull();
  });

  it('a reply with its ping turned off brings no text (no MessageContent intent): nothing is answered', async () => {
    const m = fake.messageCreate('', { replyTo: first.id });
    await new Promise((r) => setTimeout(r, 700));
    expect(fake.requests.some(replyTo(m.id))).toBe(false);
  });
});

describe('a DM', () => {
  it('follows its last answer', async () => {
    const before = answerLines().length;
    await answer('How many GPUs does each team get?', { dm: true });
    const expected = engine.askInThread('since when?', engine.ask('How many GPUs does each team get?').turn);
    expect(expected.followUp?.kind).toBe('attribute-swap');
    const reply = await answer('since when?', { dm: true });
    expect(reply.body.embeds[0].description).toContain(expected.answers[0]!.text.slice(0, 30));
    expect(await lastLine(before + 2)).toMatchObject({ channelKind: 'dm', followUp: 'attribute-swap', factId: expected.answers[0]!.factId });
  });

  it('/ask stays self-contained, even in the DM', async () => {
    const before = answerLines().length;
    const d = fake.slashCommand('ask', [{ name: 'question', type: 3, value: '출처 더 보여줘' }], { dm: true });
    await fake.waitForRequest((r) => r.method === 'POST' && r.path.includes(`/interactions/${d.id}/`), 10_000, '/ask callback');
    expect(await lastLine(before + 1)).toMatchObject({ channelKind: 'command', followUp: null });
  });
});

describe('a reply sent before the post of the answer it replies to has returned', () => {
  // The fake holds its response to every message the bot posts: the follow-up reaches the bot while
  // it does not yet know its answer's id.
  const slowPosts = (r: RecordedRequest) => (r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path) ? 400 : 0);

  it('waits for that answer and follows it', async () => {
    fake.delayResponse = slowPosts;
    try {
      const first = await answer(`<@${fake.botUser.id}> 루닛 컨소시엄 GPU 몇 장 받아?`, { mentionsBot: true });
      const sources = await answer('출처 더 보여줘', { replyTo: first.id, mentionsBot: true });
      expect(sources.body.embeds[0].title).toMatch(/^출처 전체/);
    } finally {
      fake.delayResponse = undefined;
    }
  });
});
