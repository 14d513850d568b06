/**
 * User ids and request bodies, in the bot started as `npm start` with Slack and Discord at
 * LOG_LEVEL=trace: no raw user id (the asker's or one mentioned in the question) in the SQLite
 * question log or in any log line, and no request body (the question's text) in the logs, follow-ups
 * (a Slack thread reply, a Discord reply to an answer) and messages the bot leaves alone included.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBotProcess, until, type BotProcess } from '../helpers/bot-process.ts';
import { FakeDiscord, snowflake } from '../discord/fake-discord.ts';
import { BOT_TOKEN, BOT_USER_ID, commandForm, eventEnvelope, FakeSlack, postCommand, postEvent, SIGNING_SECRET } from '../slack/fake-slack.ts';

let slack: FakeSlack;
let discord: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  slack = await FakeSlack.start();
  discord = await FakeDiscord.start();
  bot = startBotProcess({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DISCORD_TOKEN: 'privacy.test.token',
    DISCORD_API_URL: discord.apiUrl,
    LOG_LEVEL: 'trace',
  });
  await until(async () => ((await bot.readyz()).ready ? true : undefined), 30_000, 'ready');
});

afterAll(async () => {
  await bot?.kill();
  await slack?.close();
  await discord?.close();
});

const ASKER = 'U0ASKER4242';
const THIRD = 'W0THIRD7777';
const MARKER = 'zebra-quartz';
const DISCORD_THIRD = snowflake(Date.now() - 30_000_000);
const BYSTANDER = 'U0BYSTAND55';

it('stores and logs no raw user id and no request body, on either platform', async () => {
  const base = `http://127.0.0.1:${await bot.port()}/slack/events`;
  await postEvent(base, eventEnvelope({ type: 'app_mention', user: ASKER, text: `<@${BOT_USER_ID}> <@${THIRD}> GPU 몇 장 지원돼? ${MARKER} ${THIRD}`, ts: '1730000000.000001', channel: 'C0PRIV001' }));
  await postCommand(base, commandForm('/ask', `B200 ${MARKER} <@${THIRD}|someone> ${THIRD}`, slack.responseUrl('priv'), { user_id: ASKER }));
  const d = discord.messageCreate(`<@${discord.botUser.id}> <@${DISCORD_THIRD}> <@!${DISCORD_THIRD}> GPU 몇 장? ${MARKER} ${DISCORD_THIRD}`, { mentionsBot: true });
  await slack.waitFor(() => slack.calledWith('chat.postMessage').length > 0 && slack.responsesTo('priv').length > 0, 10_000, 'both Slack answers');
  const answer = await discord.waitForRequest((r) => r.body?.message_reference?.message_id === d.id, 10_000, 'the Discord answer');
  // Follow-ups: the asker's thread reply without a mention, a bystander's (left alone), a reply to the Discord answer.
  const reply = { type: 'message', channel_type: 'channel', thread_ts: '1730000000.000001', channel: 'C0PRIV001' };
  await postEvent(base, eventEnvelope({ ...reply, user: BYSTANDER, text: `그럼 KAIST는? ${MARKER}`, ts: '1730000000.000002' }));
  await postEvent(base, eventEnvelope({ ...reply, user: ASKER, text: `출처 더 보여줘 ${MARKER} ${THIRD}`, ts: '1730000000.000003' }));
  const discordAnswer = discord.posted.find((p) => p.body === answer.body)!.id;
  const r = discord.messageCreate(`출처 더 보여줘 ${MARKER} ${DISCORD_THIRD}`, { replyTo: discordAnswer, mentionsBot: true });
  await slack.waitFor(() => slack.calledWith('chat.postMessage').length > 1, 10_000, 'the Slack follow-up');
  await discord.waitForRequest((q) => q.body?.message_reference?.message_id === r.id, 10_000, 'the Discord follow-up');

  bot.child.kill('SIGTERM');
  expect(await bot.exited).toBe(0);
  const rows = new Database(bot.db, { readonly: true }).prepare('SELECT platform, question, user_hash FROM questions').all() as { platform: string; question: string; user_hash: string }[];
  expect(rows).toHaveLength(5); // the bystander's reply was not for the bot: not kept
  const stored = JSON.stringify(rows);
  for (const id of [ASKER, THIRD, DISCORD_THIRD, BYSTANDER, discord.user.id]) expect(stored).not.toContain(id);
  for (const r of rows) expect(r.question).toContain(MARKER); // the question itself is kept

  const logs = bot.logs();
  expect(logs.length).toBeGreaterThan(0);
  expect(logs).toMatch(/"level":(10|20)/); // trace and debug lines were written
  for (const id of [ASKER, THIRD, DISCORD_THIRD, BYSTANDER, discord.user.id]) expect(logs).not.toContain(id);
  expect(logs).toContain('"followUp":"sources"');
  expect(logs).not.toContain(MARKER);
}, 60_000);
