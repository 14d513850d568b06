/**
 * The Slack adapter in Socket Mode, end to end: `apps.connections.open` on the fake Web API hands
 * out a ws://127.0.0.1 address served by a local `ws` server; we push envelopes down the socket and
 * check the acks that come back and what the bot posts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine } from '../../src/index.ts';
import { createBot, type Bot } from '../../runtime/bot.ts';
import { memoryRecorder } from '../../runtime/record.ts';
import { startSlack, type SlackHandle } from '../../adapters/slack/index.ts';
import { DEFAULT_COMMANDS } from '../../adapters/slack/format.ts';
import { askReply } from '../../adapters/slack/replies.ts';
import { APP_TOKEN, BOT_TOKEN, BOT_USER_ID, FakeSlack, buttonClick, buttonsOf, captureLogger, eventEnvelope } from './fake-slack.ts';

let fake: FakeSlack;
let engine: Engine;
let bot: Bot;
let slack: SlackHandle;
const recorder = memoryRecorder();
const log = captureLogger();
let n = 0;

beforeAll(async () => {
  fake = await FakeSlack.start();
  engine = loadEngine();
  bot = createBot({ engine, recorder });
  slack = await startSlack(
    bot,
    { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 0, commands: DEFAULT_COMMANDS },
    { logger: log, logLevel: 'debug', clientOptions: { retryConfig: { retries: 0 } } },
  );
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

const acked = (envelopeId: string) => fake.waitFor(() => fake.socketMessages.find((m) => m.envelope_id === envelopeId), 5000, `ack of ${envelopeId}`);
const posts = () => fake.calledWith('chat.postMessage');

function sendEvent(event: Record<string, unknown>, retryAttempt = 0): string {
  const envelopeId = `env-${++n}`;
  fake.sendEnvelope({
    envelope_id: envelopeId,
    type: 'events_api',
    payload: eventEnvelope(event),
    accepts_response_payload: false,
    retry_attempt: retryAttempt,
    retry_reason: retryAttempt ? 'timeout' : '',
  });
  return envelopeId;
}

describe('Slack Socket Mode', () => {
  it('connected with the app token and listens on no HTTP port', () => {
    expect(slack.mode).toBe('socket');
    expect(slack.port).toBeUndefined();
    const open = fake.calledWith('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe(APP_TOKEN);
    expect(fake.sockets.size).toBe(1);
  });

  it('acks an events_api envelope and answers the mention in its thread', async () => {
    const before = posts().length;
    const ts = '1720000000.000001';
    // retry_attempt 0 is a first delivery (0 is falsy): answered.
    const envelopeId = sendEvent({ type: 'app_mention', user: 'U0000USER', text: `<@${BOT_USER_ID}> GPU 몇 장 지원돼?`, ts, channel: 'C0000CHAN' }, 0);
    const ack = await acked(envelopeId);
    expect(ack).toMatchObject({ envelope_id: envelopeId });
    await fake.waitFor(() => posts().length > before, 5000, 'the answer');
    const call = posts()[before]!;
    expect(call.args.channel).toBe('C0000CHAN');
    expect(call.args.thread_ts).toBe(ts);
    expect(call.args.blocks).toEqual((await askReply(bot, 'GPU 몇 장 지원돼?', { channelKind: 'channel', commands: DEFAULT_COMMANDS })).message.blocks);
  });

  it('acks a redelivery (retry_attempt 1) but does not answer it again', async () => {
    const before = posts().length;
    const event = { type: 'message', channel_type: 'im', user: 'U0000USER', text: 'B200', ts: '1720000000.000002', channel: 'D0000DM' };
    await acked(sendEvent(event, 0));
    await fake.waitFor(() => posts().length === before + 1, 5000, 'the DM answer');
    const retry = sendEvent(event, 1);
    expect(await acked(retry)).toMatchObject({ envelope_id: retry });
    await fake.waitFor(() => log.lines.find((l) => l.includes(': duplicate delivery')), 5000, 'the retry to be skipped');
    expect(posts()).toHaveLength(before + 1);
  });

  it('acks a slash command envelope and answers through the response_url', async () => {
    const envelopeId = `env-${++n}`;
    fake.sendEnvelope({
      envelope_id: envelopeId,
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'x',
        team_id: 'T0000TEST',
        channel_id: 'C0000CHAN',
        user_id: 'U0000USER',
        command: '/fact',
        text: 'gpu',
        api_app_id: 'A111',
        response_url: fake.responseUrl('sock-fact'),
        trigger_id: '1.2.3',
      },
    });
    const ack = await acked(envelopeId);
    expect(ack.envelope_id).toBe(envelopeId);
    const [reply] = await fake.waitFor(() => fake.responsesTo('sock-fact').length > 0 && fake.responsesTo('sock-fact'), 5000, 'reply');
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(buttonsOf(reply!.body.blocks).map((b) => b.action_id)).toEqual(['feedback_up', 'feedback_down', 'share_answer']);
  });

  it('acks a button click and records the vote', async () => {
    const value = JSON.stringify({ f: 'gpu-b200-allocation', l: 'ko', c: 'channel', q: 'GPU?' });
    const envelopeId = `env-${++n}`;
    fake.sendEnvelope({
      envelope_id: envelopeId,
      type: 'interactive',
      accepts_response_payload: false,
      payload: buttonClick({ action_id: 'feedback_up', value }, fake.responseUrl('sock-vote'), { channel: 'C0000CHAN', messageTs: '1720000000.000009' }),
    });
    await acked(envelopeId);
    await fake.waitFor(() => recorder.votes.length > 0, 5000, 'the vote');
    expect(recorder.votes[0]).toMatchObject({ platform: 'slack', channelKind: 'channel', question: 'GPU?', factId: 'gpu-b200-allocation', vote: 'up' });
  });

  it('names SLACK_APP_TOKEN when Slack refuses it, without printing it', async () => {
    const wrong = 'xapp-1-A999-wrong-app-token';
    const err = await startSlack(
      bot,
      { botToken: BOT_TOKEN, appToken: wrong, apiUrl: fake.apiUrl, port: 0, commands: DEFAULT_COMMANDS },
      { logger: captureLogger(), clientOptions: { retryConfig: { retries: 0 } } },
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/could not open a Socket Mode connection .*invalid_auth.*SLACK_APP_TOKEN/);
    expect(err?.message).not.toContain(wrong);
  });

  it('stop() closes the WebSocket', async () => {
    await slack.stop();
    await fake.waitFor(() => fake.sockets.size === 0, 5000, 'the socket to close');
    expect(log.lines.join('\n')).not.toContain(APP_TOKEN);
    expect(log.lines.join('\n')).not.toContain(BOT_TOKEN);
  });
});
