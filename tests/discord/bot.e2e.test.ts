/**
 * The Discord bot end to end, against a local fake Discord (REST + JSON gateway on 127.0.0.1): the
 * real discord.js client, the real engine and corpus, every request the bot makes recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md } from '../../adapters/discord/format.ts';
import { startDiscord, type DiscordBot } from '../../adapters/discord/index.ts';
import { loadEngine, type Engine } from '../../src/index.ts';
import { createBot } from '../../runtime/bot.ts';
import { memoryRecorder } from '../../runtime/record.ts';
import { FakeDiscord, type RecordedRequest } from './fake-discord.ts';
import { expectNoPings, expectWithinLimits, memoryLogger, messageBodies } from './helpers.ts';

const STRING = 3;
const BOOLEAN = 5;
const EPHEMERAL = 64;

const engine: Engine = loadEngine();
let fake: FakeDiscord;
let bot: DiscordBot;
const recorder = memoryRecorder();
const logger = memoryLogger();

beforeAll(async () => {
  fake = await FakeDiscord.start({ heartbeatIntervalMs: 250 });
  bot = await startDiscord(createBot({ engine, recorder }), { token: 'test.bot.token', apiUrl: fake.apiUrl }, { logger });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const callbackOf = (d: { id: string }) => (r: RecordedRequest) => r.method === 'POST' && r.path.includes(`/interactions/${d.id}/`) && r.path.endsWith('/callback');
const replyTo = (id: string) => (r: RecordedRequest) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path) && r.body?.message_reference?.message_id === id;

function ask(question: string, opts: { locale?: string; private?: boolean; ageMs?: number } = {}) {
  const options: { name: string; type: number; value: unknown }[] = [{ name: 'question', type: STRING, value: question }];
  if (opts.private !== undefined) options.push({ name: 'private', type: BOOLEAN, value: opts.private });
  return fake.slashCommand('ask', options, opts);
}

describe('gateway handshake', () => {
  it('identifies with the least intents, over plain JSON, and gets heartbeats acknowledged', async () => {
    const session = fake.sessions[0]!;
    expect(session.query.get('encoding')).toBe('json');
    expect(session.query.get('v')).toBe('10');
    expect(session.query.has('compress')).toBe(false);
    expect(session.identify.token).toBe('test.bot.token');
    // Guilds (1) | GuildMessages (512) | DirectMessages (4096); not MessageContent (32768).
    expect(session.identify.intents).toBe(1 | 512 | 4096);
    expect(session.identify.intents & 32768).toBe(0);
    expect(session.identify.shard).toEqual([0, 1]);
    const start = Date.now();
    while (session.heartbeats < 1 && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 25));
    expect(session.heartbeats).toBeGreaterThanOrEqual(1);
    expect(bot.client.guilds.cache.has(fake.guildId)).toBe(true);
    expect(fake.requests.find((r) => r.path === '/api/v10/gateway/bot')?.headers.authorization).toBe('Bot test.bot.token');
  });
});

describe('/ask', () => {
  it('answers at once (type 4) with the answer, its sources and feedback buttons, publicly', async () => {
    const question = '루닛 컨소시엄 참여 기업은?';
    const expected = engine.ask(question);
    const d = ask(question);
    const cb = await fake.waitForRequest(callbackOf(d), 5000, '/ask callback');
    expect(cb.query.get('with_response')).toBe('false');
    expect(cb.headers.authorization).toBeUndefined();
    expect(cb.body.type).toBe(4);
    const msg = cb.body.data;
    expect(msg.flags ?? 0).toBe(0);
    expectNoPings(msg);
    expectWithinLimits(msg);
    const [embed] = msg.embeds;
    expect(embed.title).toBe(question);
    expect(embed.description).toContain(expected.answers[0]!.text.slice(0, 20));
    expect(embed.footer.text).toContain(expected.answers[0]!.factId);
    const source = embed.fields.find((f: any) => f.name === '출처');
    expect(source.value).toContain(expected.answers[0]!.sources[0]!.publisher);
    expect(source.value).toMatch(/\]\(https?:\/\//); // a link to a source
    expect(embed.fields.some((f: any) => f.name === '관련 사실')).toBe(true);
    const buttons = msg.components[0].components;
    expect(buttons.map((b: any) => b.emoji.name)).toEqual(['👍', '👎']);
    expect(buttons[0].custom_id).toMatch(new RegExp(`^fb:u:[a-z0-9]{8}:${expected.answers[0]!.factId}$`));
    // Answered at once: nothing else was sent for this interaction.
    expect(fake.requestsFor(d)).toHaveLength(1);
  });

  it('answers privately (ephemeral flag) with private:true', async () => {
    const d = ask('GPU 몇 장 지원돼?', { private: true });
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('labels an English question in English', async () => {
    const d = ask('How many GPUs does each team get?', { locale: 'en-US' });
    const cb = await fake.waitForRequest(callbackOf(d));
    const embed = cb.body.data.embeds[0];
    expect(embed.fields.map((f: any) => f.name)).toContain('Source');
    expect(cb.body.data.components[0].components.map((b: any) => b.label)).toEqual(['Helpful', 'Not helpful']);
  });

  it('says kindly when it has no answer, suggests topics, and offers no vote', async () => {
    const d = ask('오늘 저녁 메뉴 추천해 줘');
    const cb = await fake.waitForRequest(callbackOf(d));
    const msg = cb.body.data;
    expectNoPings(msg);
    expect(msg.embeds[0].description).toBe(md(engine.ask('오늘 저녁 메뉴 추천해 줘').notFound!.hint));
    const suggestions = msg.embeds[0].fields.find((f: any) => f.name === '이런 주제는 답할 수 있어요');
    expect(suggestions.value).toContain('/fact topic:');
    expect(msg.components).toEqual([]);
  });

  it('defers (type 5) then edits @original when the interaction is already old', async () => {
    const d = ask('루닛 컨소시엄 참여 기업은?', { ageMs: 1800 });
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body.type).toBe(5);
    expect((cb.body.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    const edit = await fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${fake.applicationId}/${d.token}/messages/%40original`,
      5000,
      'PATCH @original',
    );
    expectNoPings(edit.body);
    expectWithinLimits(edit.body);
    expect(edit.body.embeds[0].title).toBe('루닛 컨소시엄 참여 기업은?');
    expect(edit.body.components[0].components).toHaveLength(2);
  });

  it('defers privately when private:true', async () => {
    const d = ask('GPU 몇 장?', { ageMs: 1800, private: true });
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(d.token));
  });

  it('logs an expired interaction (10062) and keeps working', async () => {
    fake.override = (r) =>
      r.path.endsWith('/callback') && r.body?.data?.embeds?.[0]?.title === '만료될 질문: GPU?'
        ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } }
        : undefined;
    try {
      const d = ask('만료될 질문: GPU?');
      await fake.waitForRequest(callbackOf(d));
      const start = Date.now();
      while (!logger.lines.some((l) => l.message.includes('10062')) && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 20));
      const line = logger.lines.find((l) => l.message.includes('10062'))!;
      expect(line.level).toBe('warn');
      expect(line.extra?.interactionId).toBe(d.id);
      expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      fake.override = undefined;
    }
    const next = ask('GPU 몇 장?');
    expect((await fake.waitForRequest(callbackOf(next))).body.type).toBe(4);
  });
});

describe('/fact and autocomplete', () => {
  it('shows a topic picked from autocomplete (its id), titled in Korean', async () => {
    const d = fake.slashCommand('fact', [{ name: 'topic', type: STRING, value: 'gpu' }]);
    const cb = await fake.waitForRequest(callbackOf(d));
    const embed = cb.body.data.embeds[0];
    expect(embed.title).toBe('GPU 지원 (엔비디아 B200)');
    expect(embed.description).toContain('B200');
    expectWithinLimits(cb.body.data);
    expectNoPings(cb.body.data);
  });

  it('shows the timeline within the limits', async () => {
    const d = fake.slashCommand('fact', [{ name: 'topic', type: STRING, value: 'timeline' }], { locale: 'en-US' });
    const cb = await fake.waitForRequest(callbackOf(d));
    const embed = cb.body.data.embeds[0];
    expect(embed.title).toBe('Timeline');
    expect(embed.description).toMatch(/\*\*\d{4}-\d{2}(-\d{2})?\*\*/);
    expectWithinLimits(cb.body.data);
  });

  it('finds the topic for text typed without picking a choice', async () => {
    const d = fake.slashCommand('fact', [{ name: 'topic', type: STRING, value: '루닛' }]);
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body.data.embeds[0].title).toBe('루닛 컨소시엄 (의과학)');
  });

  it('shows the one fact the engine finds for free text, with feedback buttons', async () => {
    const expected = engine.fact('GPU 몇 장 지원돼?', 'ko');
    expect(expected?.type).toBe('fact');
    const factId = expected?.type === 'fact' ? expected.item.factId : '';
    const d = fake.slashCommand('fact', [{ name: 'topic', type: STRING, value: 'GPU 몇 장 지원돼?' }]);
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body.data.embeds[0].footer.text).toContain(factId);
    expect(cb.body.data.components[0].components[0].custom_id).toBe(`fb:u:${cb.body.data.components[0].components[0].custom_id.split(':')[2]}:${factId}`);
  });

  it('suggests topics for an unknown one', async () => {
    const d = fake.slashCommand('fact', [{ name: 'topic', type: STRING, value: 'qqqqzzzz' }], { locale: 'en-US' });
    const cb = await fake.waitForRequest(callbackOf(d));
    const embed = cb.body.data.embeds[0];
    expect(embed.description).toContain('No topic matches');
    expect(embed.fields[0].value).toContain('/fact topic:');
  });

  it('autocompletes 초성 (type 8 with choices, best first)', async () => {
    const d = fake.slashCommand('fact', [{ name: 'topic', type: STRING, value: 'ㄹㄴ', focused: true }], { autocomplete: true });
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body.type).toBe(8);
    const choices = cb.body.data.choices;
    expect(choices[0]).toEqual({ name: '루닛 컨소시엄 (의과학)', value: 'lunit-consortium' });
    expect(choices.map((c: any) => c.value)).toContain('lunit-model');
  });

  it('autocompletes English in English for an English client', async () => {
    const d = fake.slashCommand('fact', [{ name: 'topic', type: STRING, value: 'gpu', focused: true }], { autocomplete: true, locale: 'en-GB' });
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body.data.choices[0]).toEqual({ name: 'GPU support (NVIDIA B200)', value: 'gpu' });
  });

  it('lists up to 25 topics, timeline included, for empty input', async () => {
    const d = fake.slashCommand('fact', [{ name: 'topic', type: STRING, value: '', focused: true }], { autocomplete: true });
    const cb = await fake.waitForRequest(callbackOf(d));
    const choices = cb.body.data.choices;
    expect(choices.length).toBe(Math.min(25, engine.corpus.topics.length + 1));
    expect(choices.map((c: any) => c.value)).toContain('timeline');
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});

describe('mentions and DMs', () => {
  it('replies to a mention (message_reference) without pinging, the mention stripped', async () => {
    const m = fake.messageCreate(`<@${fake.botUser.id}> 루닛 컨소시엄 참여 기업은?`, { mentionsBot: true });
    const reply = await fake.waitForRequest(replyTo(m.id), 5000, 'mention reply');
    expect(reply.path).toBe(`/api/v10/channels/${fake.channelId}/messages`);
    expect(reply.body.message_reference).toMatchObject({ message_id: m.id, fail_if_not_exists: false });
    expectNoPings(reply.body);
    expectWithinLimits(reply.body);
    expect(reply.body.embeds[0].title).toBe('루닛 컨소시엄 참여 기업은?');
    expect(reply.body.embeds[0].footer.text).toContain(engine.ask('루닛 컨소시엄 참여 기업은?').answers[0]!.factId);
    expect(reply.body.content ?? '').toBe('');
  });

  it('strips the nickname form of the mention and mentions in the middle', async () => {
    const m = fake.messageCreate(`GPU <@!${fake.botUser.id}> 몇 장 지원돼?`, { mentionsBot: true });
    const reply = await fake.waitForRequest(replyTo(m.id));
    expect(reply.body.embeds[0].title).toBe('GPU 몇 장 지원돼?');
  });

  it('answers a mention of its managed role', async () => {
    const m = fake.messageCreate(`<@&${fake.botRoleId}> GPU 몇 장?`, { mentionRoles: [fake.botRoleId] });
    const reply = await fake.waitForRequest(replyTo(m.id));
    expect(reply.body.embeds[0].title).toBe('GPU 몇 장?');
  });

  it('never pings @everyone, @here or roles in a question', async () => {
    const role = '123456789012345678';
    const m = fake.messageCreate(`<@${fake.botUser.id}> @everyone @here <@&${role}> <@${fake.user.id}> GPU 몇 장?`, {
      mentionsBot: true,
      mentionEveryone: true,
      mentionRoles: [role],
    });
    const reply = await fake.waitForRequest(replyTo(m.id));
    expectNoPings(reply.body);
    expect(reply.body.content ?? '').toBe('');
  });

  it('says kindly what to do for a bare mention', async () => {
    const m = fake.messageCreate(`<@${fake.botUser.id}>`, { mentionsBot: true });
    const reply = await fake.waitForRequest(replyTo(m.id));
    expect(reply.body.embeds[0].description).toBe(md(engine.ask('').notFound!.hint));
  });

  it('ignores bots, itself, and messages that do not mention it', async () => {
    const fromBot = fake.messageCreate(`<@${fake.botUser.id}> GPU?`, { mentionsBot: true, author: { id: '223456789012345678', username: 'other-bot', discriminator: '0', avatar: null, bot: true } });
    const fromSelf = fake.messageCreate(`<@${fake.botUser.id}> GPU?`, { mentionsBot: true, author: fake.botUser });
    const unrelated = fake.messageCreate('GPU 몇 장?');
    const marker = fake.messageCreate(`<@${fake.botUser.id}> 예산은?`, { mentionsBot: true });
    await fake.waitForRequest(replyTo(marker.id)); // events are handled in order: the others are done
    for (const m of [fromBot, fromSelf, unrelated]) expect(fake.requests.some(replyTo(m.id))).toBe(false);
  });

  it('answers /ask in a DM (no guild, no member)', async () => {
    const d = fake.slashCommand('ask', [{ name: 'question', type: STRING, value: 'GPU 몇 장 지원돼?' }], { dm: true });
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.embeds[0].title).toBe('GPU 몇 장 지원돼?');
    expectNoPings(cb.body.data);
  });

  it('answers a direct message', async () => {
    const m = fake.messageCreate('How many GPUs does each team get?', { dm: true });
    const reply = await fake.waitForRequest(replyTo(m.id), 5000, 'DM reply');
    expect(reply.path).toBe(`/api/v10/channels/${fake.dmChannelId}/messages`);
    expectNoPings(reply.body);
    expect(reply.body.embeds[0].fields.map((f: any) => f.name)).toContain('Source');
  });
});

describe('feedback buttons', () => {
  it('records a vote with the question and fact, thanks privately, and counts it once', async () => {
    const question = 'GPU 몇 장 지원돼?';
    const d = ask(question);
    const answer = (await fake.waitForRequest(callbackOf(d))).body.data;
    const up = answer.components[0].components[0].custom_id as string;
    const message = { id: '323456789012345678', embeds: answer.embeds };

    const click = fake.buttonClick(up, message);
    const cb = await fake.waitForRequest(callbackOf(click));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.body.data.content).toContain('고마워요');
    expectNoPings(cb.body.data);
    const factId = engine.ask(question).answers[0]!.factId;
    expect(recorder.votes.at(-1)).toEqual({
      platform: 'discord',
      channelKind: 'command',
      channelId: fake.channelId,
      userId: fake.user.id,
      question,
      factId,
      vote: 'up',
    });

    const votes = recorder.votes.length;
    const again = fake.buttonClick(up, message);
    expect((await fake.waitForRequest(callbackOf(again))).body.data.content).toContain('이미');
    expect(recorder.votes.length).toBe(votes);
  });

  it('still records a vote on an answer from before a restart (question read from the embed)', async () => {
    const click = fake.buttonClick('fb:d:zzzzzzzz:gpu-b200-allocation', { embeds: [{ title: 'GPU \\*몇\\* 장?' }] }, { locale: 'en-US' });
    const cb = await fake.waitForRequest(callbackOf(click));
    expect(cb.body.data.content).toContain('Thanks');
    expect(recorder.votes.at(-1)).toMatchObject({ question: 'GPU *몇* 장?', factId: 'gpu-b200-allocation', vote: 'down', channelKind: 'channel' });
  });
});

describe('every message', () => {
  it('restricted allowed_mentions and stayed within the limits', () => {
    const bodies = messageBodies(fake.requests);
    expect(bodies.length).toBeGreaterThan(15);
    for (const { message } of bodies) {
      expectNoPings(message);
      expectWithinLimits(message);
    }
  });
});
