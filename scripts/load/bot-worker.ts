/**
 * The bot in a worker thread (see bot.ts): started with the settings in workerData, says `ready`
 * with its Slack port, and on `stop` stops gracefully and says `stopped` with its report.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startBot, type BotSettings } from './bot.ts';

export type FromBot = { type: 'ready'; slackPort: number } | { type: 'stopped'; report: Awaited<ReturnType<Awaited<ReturnType<typeof startBot>>['stop']>> } | { type: 'failed'; error: string };
export type ToBot = { type: 'stop' };

const port = parentPort!;
const send = (m: FromBot) => port.postMessage(m);
try {
  const bot = await startBot(workerData as BotSettings);
  port.on('message', (m: ToBot) => {
    if (m.type === 'stop') void bot.stop().then((report) => send({ type: 'stopped', report }));
  });
  send({ type: 'ready', slackPort: bot.slackPort });
} catch (e) {
  send({ type: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
