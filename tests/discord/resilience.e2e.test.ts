/**
 * Timing and failure paths end to end: a slow engine makes later interactions defer, an engine error
 * becomes a kind message, expired interactions and failing REST calls are logged and survived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordBot } from '../../adapters/discord/index.ts';
import { loadEngine, type Engine } from '../../src/index.ts';
import { createBot } from '../../runtime/bot.ts';
import { memoryRecorder } from '../../runtime/record.ts';
import { FakeDiscord, type RecordedRequest } from './fake-discord.ts';
import { expectNoPings, memoryLogger } from './helpers.ts';

const STRING = 3;
const real = loadEngine();
/** The real engine, but `boom` throws and `slow …` takes 400 ms (blocking, as a synchronous engine would). */
const engine: Engine = {
  ...real,
  corpus: real.corpus,
  ask(question) {
    if (question.includes('boom')) throw new Error('engine exploded');
    if (question.startsWith('slow')) {
      const until = Date.now() + 400;
      while (Date.now() < until) {
        // busy: the event loop is blocked like during a long synchronous search
      }
    }
    return real.ask(question);
  },
};

let fake: FakeDiscord;
let bot: DiscordBot;
const logger = memoryLogger();

beforeAll(async () => {
  fake = await FakeDiscord.start();
  bot = await startDiscord(createBot({ engine: engine, recorder: memoryRecorder() }), { token: 'test.bot.token', apiUrl: fake.apiUrl }, { logger, deferAfterMs: 300 });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const callbackOf = (d: { id: string }) => (r: RecordedRequest) => r.method === 'POST' && r.path.includes(`/interactions/${d.id}/`);
const ask = (question: string) => fake.slashCommand('ask', [{ name: 'question', type: STRING, value: question }]);

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('engine errors', () => {
  it('turns an engine error in /ask into a kind message and logs it', async () => {
    const d = ask('boom');
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.content).toContain('문제가 생겼어요');
    expectNoPings(cb.body.data);
    expect(logger.lines.some((l) => l.level === 'error' && String(l.extra?.error).includes('engine exploded'))).toBe(true);
  });

  it('turns an engine error for a mention into a kind reply', async () => {
    const m = fake.messageCreate(`<@${fake.botUser.id}> 루닛 boom`, { mentionsBot: true });
    const reply = await fake.waitForRequest((r) => r.body?.message_reference?.message_id === m.id);
    expect(reply.body.content).toContain('문제가 생겼어요');
    expectNoPings(reply.body);
  });

  it('logs a reply Discord refuses (403 Missing Permissions) and goes on', async () => {
    fake.override = (r) => (r.path.endsWith('/messages') && r.body?.message_reference ? { status: 403, body: { message: 'Missing Permissions', code: 50013 } } : undefined);
    try {
      const m = fake.messageCreate(`<@${fake.botUser.id}> GPU 몇 장?`, { mentionsBot: true });
      await fake.waitForRequest((r) => r.body?.message_reference?.message_id === m.id);
      await until(() => logger.lines.some((l) => l.message.includes('could not reply')));
    } finally {
      fake.override = undefined;
    }
  });
});

describe('deferring', () => {
  it('answers a slow call at once, then defers the next ones while the engine is slow', async () => {
    const first = ask('slow GPU 몇 장?');
    const cb1 = await fake.waitForRequest(callbackOf(first));
    expect(cb1.body.type).toBe(4); // nothing suggested slowness yet; 400 ms is still in time

    const second = ask('GPU 몇 장?');
    const cb2 = await fake.waitForRequest(callbackOf(second));
    expect(cb2.body.type).toBe(5);
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${fake.applicationId}/${second.token}/messages/%40original`);
    expect(edit.body.embeds[0].title).toBe('GPU 몇 장?');
    expectNoPings(edit.body);
    // The deferral went out before the answer was edited in.
    expect(cb2.at).toBeLessThanOrEqual(edit.at);
  });

  it('logs an interaction that expired before the deferral and does not try to edit it', async () => {
    fake.override = (r) => (r.path.endsWith('/callback') && r.body?.type === 5 ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } } : undefined);
    try {
      const d = ask('GPU 몇 장?');
      await fake.waitForRequest(callbackOf(d));
      await until(() => logger.lines.some((l) => l.message.includes('10062') && l.extra?.interactionId === d.id));
      await new Promise((r) => setTimeout(r, 100));
      expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.includes(d.token))).toBe(false);
    } finally {
      fake.override = undefined;
    }
  });

  it('edits in a kind message when the engine fails after deferring', async () => {
    const d = ask('boom again');
    const cb = await fake.waitForRequest(callbackOf(d));
    expect(cb.body.type).toBe(5);
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(d.token));
    expect(edit.body.content).toContain('문제가 생겼어요');
    expectNoPings(edit.body);
  });
});

describe('unknown input', () => {
  it('answers an unknown command kindly and ignores foreign buttons', async () => {
    const d = fake.slashCommand('nope', []);
    const cb = await fake.waitForRequest(callbackOf(d));
    expect([4, 5]).toContain(cb.body.type);
    const click = fake.buttonClick('someone-elses-button');
    const marker = ask('GPU?');
    await fake.waitForRequest(callbackOf(marker));
    expect(fake.requests.some(callbackOf(click))).toBe(false);
  });
});

describe('starting and stopping', () => {
  it('rejects with a clear error when Discord refuses the token, leaving nothing open', async () => {
    fake.override = (r) => (r.headers.authorization === 'Bot bad.token' ? { status: 401, body: { message: '401: Unauthorized', code: 0 } } : undefined);
    try {
      const sessions = fake.sessions.length;
      await expect(startDiscord(createBot({ engine: engine, recorder: memoryRecorder() }), { token: 'bad.token', apiUrl: fake.apiUrl }, { logger: memoryLogger() })).rejects.toThrow(/token/i);
      expect(fake.sessions.length).toBe(sessions);
    } finally {
      fake.override = undefined;
    }
  });

  it('stop() closes the gateway connection and may be called twice', async () => {
    const second = await startDiscord(createBot({ engine: engine, recorder: memoryRecorder() }), { token: 'second.token', apiUrl: fake.apiUrl }, { logger: memoryLogger() });
    const session = fake.sessions.find((s) => s.identify?.token === 'second.token')!;
    expect(session.socket.readyState).toBe(session.socket.OPEN);
    await second.stop();
    await second.stop();
    await until(() => session.socket.readyState === session.socket.CLOSED);
  });

  it('stop() lets the answers in flight be sent before it closes', async () => {
    const third = await startDiscord(createBot({ engine: real, recorder: memoryRecorder() }), { token: 'third.token', apiUrl: fake.apiUrl }, { logger: memoryLogger() });
    const session = fake.sessions.find((s) => s.identify?.token === 'third.token')!;
    const before = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${fake.dmChannelId}/messages`)).length;
    for (let i = 0; i < 20; i++) fake.messageCreate(`GPU 몇 장 지원돼? ${i}`, { dm: true, session });
    await fake.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/channels/${fake.dmChannelId}/messages`));
    await third.stop();
    const after = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${fake.dmChannelId}/messages`)).length;
    expect(after - before).toBe(20);
  });
});
