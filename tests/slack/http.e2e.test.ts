/**
 * The Slack adapter in HTTP mode, end to end: real signed requests into the running bolt app, a fake
 * Slack Web API and response_url on 127.0.0.1 that record what the bot posts, the real engine and
 * corpus. Nothing of ours is mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine } from '../../src/index.ts';
import { createBot, type Bot } from '../../runtime/bot.ts';
import { memoryRecorder } from '../../runtime/record.ts';
import { startSlack, type SlackHandle } from '../../adapters/slack/index.ts';
import { DEFAULT_COMMANDS } from '../../adapters/slack/format.ts';
import { askReply, factReply } from '../../adapters/slack/replies.ts';
import {
  BOT_TOKEN,
  BOT_USER_ID,
  FakeSlack,
  SIGNING_SECRET,
  buttonClick,
  buttonsOf,
  captureLogger,
  commandForm,
  eventEnvelope,
  post,
  postAction,
  postCommand,
  postEvent,
} from './fake-slack.ts';

const LIVE_MENTION = /<!channel>|<!here>|<!everyone>|<@U|<@W|<!subteam/;

let fake: FakeSlack;
let engine: Engine;
let bot: Bot;
let slack: SlackHandle;
let appUrl: string;
const recorder = memoryRecorder();
const log = captureLogger();
let tsCounter = 0;
const nextTs = () => `1710000000.${String(++tsCounter).padStart(6, '0')}`;

beforeAll(async () => {
  fake = await FakeSlack.start();
  engine = loadEngine();
  bot = createBot({ engine, recorder });
  slack = await startSlack(
    bot,
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, host: '127.0.0.1', commands: DEFAULT_COMMANDS },
    { logger: log, logLevel: 'debug', clientOptions: { retryConfig: { retries: 0 } } },
  );
  appUrl = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

/** chat.postMessage calls made after `from` calls had been recorded. */
const postsSince = (from: number) => fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage');

/** Sends `event`, then waits until the bot has posted or logged why it did not. */
async function deliver(event: Record<string, unknown>, opts: { eventId?: string; headers?: Record<string, string> } = {}) {
  const envelope = eventEnvelope(event, opts.eventId);
  const res = await postEvent(appUrl, envelope, opts.headers ? { headers: opts.headers } : {});
  expect(res.status).toBe(200);
  return envelope;
}

/** Waits for a debug line saying why `eventId` was not answered. */
const skipped = (eventId: string) => fake.waitFor(() => log.lines.find((l) => l.includes(`not answering ${eventId}:`)), 5000, `skip of ${eventId}`);

describe('Slack HTTP mode', () => {
  it('checked the bot token with auth.test once, at start', () => {
    expect(fake.calledWith('auth.test')).toHaveLength(1);
    expect(fake.calledWith('auth.test')[0]!.token).toBe(BOT_TOKEN);
  });

  it('answers Slack URL verification and a health check', async () => {
    const res = await post(appUrl, JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' }), 'application/json');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'c-123' });
    const health = await fetch(`http://127.0.0.1:${slack.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok');
  });

  it('answers a channel mention in the thread of the question, with the citation', async () => {
    const ts = nextTs();
    const from = fake.calls.length;
    const env = await deliver({ type: 'app_mention', user: 'U0000USER', text: `<@${BOT_USER_ID}> GPU 몇 장 지원돼?`, ts, channel: 'C0000CHAN', channel_type: 'channel', client_msg_id: crypto.randomUUID() });
    const [call] = await fake.waitFor(() => postsSince(from).length > 0 && postsSince(from), 5000, 'the answer');
    expect(call!.args.channel).toBe('C0000CHAN');
    expect(call!.args.thread_ts).toBe(ts);
    expect(call!.args.unfurl_links).toBe('false');

    const expected = await askReply(bot, 'GPU 몇 장 지원돼?', { channelKind: 'channel', commands: DEFAULT_COMMANDS });
    expect(expected.answer.answered).toBe(true);
    expect(call!.args.blocks).toEqual(expected.message.blocks);
    expect(call!.args.text).toBe(expected.message.text);
    const primary = expected.answer.answers[0]!.sources[0]!;
    expect(JSON.stringify(call!.args.blocks)).toContain(primary.publisher);
    expect(JSON.stringify(call!.args.blocks)).toContain('출처:');
    expect(buttonsOf(call!.args.blocks).map((b) => b.action_id)).toEqual(['feedback_up', 'feedback_down']);
    expect(env.event_id).toBeTruthy();
  });

  it('answers a mention inside a thread in that thread', async () => {
    const from = fake.calls.length;
    const parent = nextTs();
    await deliver({ type: 'app_mention', user: 'U0000USER', text: `<@${BOT_USER_ID}> How many GPUs does each team get?`, ts: nextTs(), thread_ts: parent, channel: 'C0000CHAN' });
    const [call] = await fake.waitFor(() => postsSince(from).length > 0 && postsSince(from), 5000, 'the answer');
    expect(call!.args.thread_ts).toBe(parent);
    const expected = await askReply(bot, 'How many GPUs does each team get?', { channelKind: 'channel', commands: DEFAULT_COMMANDS });
    expect(expected.answer.lang).toBe('en');
    expect(call!.args.blocks).toEqual(expected.message.blocks);
  });

  it('answers a direct message in the DM, without the bot mention in the question', async () => {
    const from = fake.calls.length;
    await deliver({ type: 'message', channel_type: 'im', user: 'U0000USER', text: `<@${BOT_USER_ID}> 루닛 컨소시엄 참여 기관은?`, ts: nextTs(), channel: 'D0000DM' });
    const [call] = await fake.waitFor(() => postsSince(from).length > 0 && postsSince(from), 5000, 'the DM answer');
    expect(call!.args.channel).toBe('D0000DM');
    expect(call!.args.thread_ts).toBeUndefined();
    const expected = await askReply(bot, '루닛 컨소시엄 참여 기관은?', { channelKind: 'dm', commands: DEFAULT_COMMANDS });
    expect(call!.args.blocks).toEqual(expected.message.blocks);
    const up = buttonsOf(call!.args.blocks).find((b) => b.action_id === 'feedback_up')!;
    expect(JSON.parse(up.value)).toMatchObject({ c: 'dm', q: '루닛 컨소시엄 참여 기관은?' });
  });

  it('answers /ask ephemerally through the response_url, after an empty ack', async () => {
    const id = 'ask-1';
    const res = await postCommand(appUrl, commandForm('/ask', 'GPU 몇 장 지원돼?', fake.responseUrl(id)));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [reply] = await fake.waitFor(() => fake.responsesTo(id).length > 0 && fake.responsesTo(id), 5000, '/ask reply');
    expect(reply!.body.response_type).toBe('ephemeral');
    const expected = await askReply(bot, 'GPU 몇 장 지원돼?', { channelKind: 'command', commands: DEFAULT_COMMANDS, shareable: true, echo: true });
    expect(reply!.body.blocks).toEqual(expected.message.blocks);
    expect(buttonsOf(reply!.body.blocks).map((b) => b.action_id)).toEqual(['feedback_up', 'feedback_down', 'share_answer']);
  });

  it('acknowledges a command before answering it', async () => {
    const id = 'ask-held';
    const release = fake.holdResponses();
    try {
      const res = await postCommand(appUrl, commandForm('/ask', 'B200', fake.responseUrl(id)));
      expect(res.status).toBe(200); // returned while the answer is still held at the response_url
      expect(fake.responsesTo(id)).toHaveLength(0);
    } finally {
      release();
    }
    await fake.waitFor(() => fake.responsesTo(id).length > 0, 5000, 'the held answer');
  });

  it('/fact with a topic shows the topic; without one lists the topics; an unknown one says so', async () => {
    await postCommand(appUrl, commandForm('/fact', 'gpu', fake.responseUrl('fact-gpu')));
    await postCommand(appUrl, commandForm('/fact', '', fake.responseUrl('fact-none')));
    await postCommand(appUrl, commandForm('/fact', 'zzqx-nothing', fake.responseUrl('fact-unknown')));
    const [gpu] = await fake.waitFor(() => fake.responsesTo('fact-gpu').length > 0 && fake.responsesTo('fact-gpu'), 5000, '/fact gpu');
    const [none] = await fake.waitFor(() => fake.responsesTo('fact-none').length > 0 && fake.responsesTo('fact-none'), 5000, '/fact');
    const [unknown] = await fake.waitFor(() => fake.responsesTo('fact-unknown').length > 0 && fake.responsesTo('fact-unknown'), 5000, '/fact ?');

    const opts = { channelKind: 'command' as const, commands: DEFAULT_COMMANDS, shareable: true, echo: true };
    expect(gpu!.body.response_type).toBe('ephemeral');
    expect(gpu!.body.blocks).toEqual(factReply(bot, 'gpu', opts).blocks);
    expect((gpu!.body.blocks as Array<{ type: string }>)[0]!.type).toBe('header');
    expect(buttonsOf(gpu!.body.blocks).map((b) => b.action_id)).toContain('share_answer');

    const topicIds = engine.topics('ko').map((t) => t.id);
    const listing = JSON.stringify(none!.body.blocks);
    for (const id of topicIds) expect(listing).toContain(`/fact ${id}`);
    expect(buttonsOf(none!.body.blocks)).toEqual([]);

    expect(JSON.stringify(unknown!.body.blocks)).toContain('zzqx-nothing');
    expect(JSON.stringify(unknown!.body.blocks)).toContain('/fact gpu');
  });

  it('the share button posts the same answer publicly and removes the ephemeral one', async () => {
    await postCommand(appUrl, commandForm('/ask', 'GPU 몇 장 지원돼?', fake.responseUrl('share-src')));
    const [ephemeral] = await fake.waitFor(() => fake.responsesTo('share-src').length > 0 && fake.responsesTo('share-src'), 5000, 'reply');
    const share = buttonsOf(ephemeral!.body.blocks).find((b) => b.action_id === 'share_answer')!;

    const res = await postAction(appUrl, buttonClick(share, fake.responseUrl('share-click'), { ephemeral: true }));
    expect(res.status).toBe(200);
    const posts = await fake.waitFor(() => fake.responsesTo('share-click').length >= 2 && fake.responsesTo('share-click'), 5000, 'share');
    const [shared, removal] = posts;
    expect(shared!.body.response_type).toBe('in_channel');
    expect(shared!.body.replace_original).toBe(false);
    const withoutShare = (ephemeral!.body.blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>).map((b) =>
      b.type === 'actions' ? { ...b, elements: b.elements!.filter((e) => e.action_id !== 'share_answer') } : b,
    );
    expect(shared!.body.blocks).toEqual(withoutShare);
    expect(removal!.body).toEqual({ delete_original: true });
  });

  it('records a 👍/👎 vote with the question and fact id, once per click target', async () => {
    const from = fake.calls.length;
    const ts = nextTs();
    await deliver({ type: 'app_mention', user: 'U0000USER', text: `<@${BOT_USER_ID}> GPU 몇 장 지원돼?`, ts, channel: 'C0000CHAN' });
    const [answer] = await fake.waitFor(() => postsSince(from).length > 0 && postsSince(from), 5000, 'answer');
    const down = buttonsOf(answer!.args.blocks).find((b) => b.action_id === 'feedback_down')!;
    const factId = (await askReply(bot, 'GPU 몇 장 지원돼?', { channelKind: 'channel', commands: DEFAULT_COMMANDS })).answer.answers[0]!.factId;

    const before = recorder.votes.length;
    const click = buttonClick(down, fake.responseUrl('vote'), { messageTs: '1700000000.999001', threadTs: ts });
    expect((await postAction(appUrl, click)).status).toBe(200);
    await fake.waitFor(() => recorder.votes.length > before, 5000, 'the vote');
    expect(recorder.votes.at(-1)).toEqual({
      platform: 'slack',
      channelKind: 'channel',
      channelId: 'C0000CHAN',
      userId: 'U0000USER',
      question: 'GPU 몇 장 지원돼?',
      factId,
      vote: 'down',
    });
    // Thanked in the thread, visible to the voter only.
    const thanks = await fake.waitFor(() => fake.calls.slice(from).find((c) => c.method === 'chat.postEphemeral'), 5000, 'thanks');
    expect(thanks.args).toMatchObject({ channel: 'C0000CHAN', user: 'U0000USER', thread_ts: ts });

    // The same click again (a double click) is not counted twice.
    await postAction(appUrl, click);
    await fake.waitFor(() => fake.calls.slice(from).filter((c) => c.method === 'chat.postEphemeral').length >= 2, 5000, 'second thanks');
    expect(recorder.votes.length).toBe(before + 1);
  });

  it('records a vote on an ephemeral /ask reply and thanks through the response_url', async () => {
    await postCommand(appUrl, commandForm('/ask', 'GPU 몇 장 지원돼?', fake.responseUrl('vote-src')));
    const [reply] = await fake.waitFor(() => fake.responsesTo('vote-src').length > 0 && fake.responsesTo('vote-src'), 5000, 'reply');
    const up = buttonsOf(reply!.body.blocks).find((b) => b.action_id === 'feedback_up')!;
    const before = recorder.votes.length;
    await postAction(appUrl, buttonClick(up, fake.responseUrl('vote-eph'), { ephemeral: true }));
    const [thanks] = await fake.waitFor(() => fake.responsesTo('vote-eph').length > 0 && fake.responsesTo('vote-eph'), 5000, 'thanks');
    expect(thanks!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(recorder.votes.length).toBe(before + 1);
    expect(recorder.votes.at(-1)).toMatchObject({ channelKind: 'command', question: 'GPU 몇 장 지원돼?', vote: 'up' });
  });

  it('rejects a bad signature and a stale timestamp with 401, and answers neither', async () => {
    const from = fake.calls.length;
    const body = JSON.stringify(eventEnvelope({ type: 'app_mention', user: 'U0000USER', text: 'GPU?', ts: nextTs(), channel: 'C0000CHAN' }));
    const bad = await post(appUrl, body, 'application/json', { signature: `v0=${'0'.repeat(64)}` });
    expect(bad.status).toBe(401);
    const wrongSecret = await post(appUrl, body, 'application/json', { secret: 'ffffffffffffffffffffffffffffffff' });
    expect(wrongSecret.status).toBe(401);
    const stale = await post(appUrl, body, 'application/json', { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(stale.status).toBe(401);
    const staleCommand = await postCommand(appUrl, commandForm('/ask', 'GPU', fake.responseUrl('stale')), { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(staleCommand.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(postsSince(from)).toEqual([]);
    expect(fake.responsesTo('stale')).toEqual([]);
  });

  it('does not answer a Slack retry of an answered event', async () => {
    const from = fake.calls.length;
    const event = { type: 'app_mention', user: 'U0000USER', text: `<@${BOT_USER_ID}> B200`, ts: nextTs(), channel: 'C0000CHAN' };
    const first = await deliver(event);
    await fake.waitFor(() => postsSince(from).length === 1, 5000, 'first answer');
    const retryId = String(first.event_id);
    const res = await postEvent(appUrl, { ...first }, { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } });
    expect(res.status).toBe(200);
    await fake.waitFor(() => log.lines.find((l) => l.includes(`not answering ${retryId}: duplicate delivery`)), 5000, 'the retry to be skipped');
    expect(postsSince(from)).toHaveLength(1);
  });

  it('does not answer the same event twice, nor one message delivered as two events', async () => {
    const from = fake.calls.length;
    const event = { type: 'app_mention', user: 'U0000USER', text: `<@${BOT_USER_ID}> B200`, ts: nextTs(), channel: 'C0000CHAN' };
    const first = await deliver(event, { eventId: 'EvDUP0001' });
    await fake.waitFor(() => postsSince(from).length === 1, 5000, 'first answer');
    await postEvent(appUrl, first); // the same event_id again, no retry header
    await skipped('EvDUP0001');
    expect(postsSince(from)).toHaveLength(1);

    // A mention in a DM arrives as message.im and as app_mention: one message, one answer.
    const dm = { user: 'U0000USER', text: `<@${BOT_USER_ID}> B200`, ts: nextTs(), channel: 'D0000DM', channel_type: 'im' };
    await deliver({ ...dm, type: 'message' }, { eventId: 'EvDUP0002' });
    await fake.waitFor(() => postsSince(from).length === 2, 5000, 'the DM answer');
    await deliver({ ...dm, type: 'app_mention' }, { eventId: 'EvDUP0003' });
    await skipped('EvDUP0003');
    expect(postsSince(from)).toHaveLength(2);
  });

  it('answers a question full of mass mentions without echoing any live mention', async () => {
    // As Slack sends it: mentions as <…> markup, a typed < > & as entities.
    const spam = `<@${BOT_USER_ID}> <!channel> <!here> <!everyone> <@U0000OTHER> <!subteam^S0001|@team> @here GPU 몇 장 지원돼? &lt;b&gt;&amp;`;
    const from = fake.calls.length;
    await deliver({ type: 'app_mention', user: 'U0000USER', text: spam, ts: nextTs(), channel: 'C0000CHAN' });
    const [call] = await fake.waitFor(() => postsSince(from).length > 0 && postsSince(from), 5000, 'the answer');
    expect(JSON.stringify(call!.args)).not.toMatch(LIVE_MENTION);
    // Still answered: the mentions are not part of the question.
    expect(buttonsOf(call!.args.blocks).map((b) => b.action_id)).toEqual(['feedback_up', 'feedback_down']);
    expect(JSON.parse(buttonsOf(call!.args.blocks)[0]!.value).q).toBe('GPU 몇 장 지원돼? <b>&');

    // Slash command text is echoed under the reply and in the shared public message: still inert.
    await postCommand(appUrl, commandForm('/ask', spam, fake.responseUrl('spam')));
    const [reply] = await fake.waitFor(() => fake.responsesTo('spam').length > 0 && fake.responsesTo('spam'), 5000, 'reply');
    const serialized = JSON.stringify(reply!.body);
    expect(serialized).not.toMatch(LIVE_MENTION);
    expect(serialized).toContain('❓ 질문: GPU 몇 장 지원돼? &lt;b&gt;&amp;');
    const share = buttonsOf(reply!.body.blocks).find((b) => b.action_id === 'share_answer')!;
    await postAction(appUrl, buttonClick(share, fake.responseUrl('spam-share'), { ephemeral: true }));
    const [shared] = await fake.waitFor(() => fake.responsesTo('spam-share').length > 0 && fake.responsesTo('spam-share'), 5000, 'share');
    expect(shared!.body.response_type).toBe('in_channel');
    expect(JSON.stringify(shared!.body)).not.toMatch(LIVE_MENTION);
  });

  it('ignores messages from bots (itself included) and message subtypes', async () => {
    const from = fake.calls.length;
    const ignored: Array<[string, Record<string, unknown>]> = [
      ['EvIGN01', { type: 'message', channel_type: 'im', subtype: 'bot_message', bot_id: 'BOTHER', text: 'GPU?', ts: nextTs(), channel: 'D0000DM' }],
      ['EvIGN02', { type: 'message', channel_type: 'im', bot_id: 'BOTHER', user: 'UOTHERBOT', text: 'GPU?', ts: nextTs(), channel: 'D0000DM' }],
      ['EvIGN03', { type: 'message', channel_type: 'im', user: BOT_USER_ID, text: 'GPU?', ts: nextTs(), channel: 'D0000DM' }],
      ['EvIGN04', { type: 'message', channel_type: 'im', subtype: 'message_changed', message: { text: 'GPU?' }, ts: nextTs(), channel: 'D0000DM' }],
      ['EvIGN05', { type: 'message', channel_type: 'im', subtype: 'channel_join', user: 'U0000USER', text: 'joined', ts: nextTs(), channel: 'D0000DM' }],
      ['EvIGN06', { type: 'app_mention', bot_id: 'BOTHER', user: 'UOTHERBOT', text: `<@${BOT_USER_ID}> GPU?`, ts: nextTs(), channel: 'C0000CHAN' }],
      ['EvIGN07', { type: 'app_mention', user: BOT_USER_ID, text: `<@${BOT_USER_ID}> GPU?`, ts: nextTs(), channel: 'C0000CHAN' }],
    ];
    for (const [id, event] of ignored) await deliver(event, { eventId: id });
    // Some never reach our listener (bolt's ignoreSelf drops the bot's own events); for the others,
    // wait for the reason. Then a real question proves the bot is still answering.
    for (const id of ['EvIGN01', 'EvIGN02', 'EvIGN04', 'EvIGN05', 'EvIGN06']) await skipped(id);
    await deliver({ type: 'message', channel_type: 'im', user: 'U0000USER', text: 'B200', ts: nextTs(), channel: 'D0000DM' }, { eventId: 'EvIGN99' });
    await fake.waitFor(() => postsSince(from).length > 0, 5000, 'the sentinel answer');
    await new Promise((r) => setTimeout(r, 100));
    expect(postsSince(from)).toHaveLength(1);
  });

  it('never logs a secret', () => {
    expect(log.lines.length).toBeGreaterThan(0);
    const all = log.lines.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toMatch(/xoxb-[A-Za-z0-9]/);
  });
});

describe('startSlack failures', () => {
  it('names SLACK_BOT_TOKEN when the token is refused, without printing it', async () => {
    const wrong = 'xoxb-9999-wrong-token';
    const err = await startSlack(
      bot,
      { botToken: wrong, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, host: '127.0.0.1', commands: DEFAULT_COMMANDS },
      { logger: captureLogger(), clientOptions: { retryConfig: { retries: 0 } } },
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/SLACK_BOT_TOKEN was not accepted .*invalid_auth/);
    expect(err?.message).not.toContain(wrong);
  });

  it('says which port is taken when PORT is in use', async () => {
    const err = await startSlack(
      bot,
      { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: slack.port!, host: '127.0.0.1', commands: DEFAULT_COMMANDS },
      { logger: captureLogger(), clientOptions: { retryConfig: { retries: 0 } } },
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe(`Slack: cannot listen on port ${slack.port} (EADDRINUSE). Set PORT to a free port, or stop what is using it.`);
  });
});
