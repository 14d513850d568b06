import { createInterface } from 'node:readline';
import { questionRecord, type Recorder } from '../../runtime/record.ts';
import type { Engine, Turn } from '../../src/index.ts';
import type { Io } from './ask.ts';
import { renderAnswer, renderQuickFact, renderTopics } from './format.ts';

export const CHAT_BANNER = `AI 특화 파운데이션 모델 Q&A — 질문을 입력하세요 (Ask in Korean or English).
  /topics          주제 목록 (topics)      /fact <주제|id>   주제 요약·타임라인 (/fact timeline)
  /help            도움말                   /quit             끝내기 (or Ctrl-D)
Slack/Discord에 연결하려면 (to connect): SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET (Socket Mode: + SLACK_APP_TOKEN),
  DISCORD_TOKEN — then npm start again. See README.md.`;

/**
 * The terminal chat `npm start` opens when no Slack or Discord settings are present. Each question
 * goes to `recorder` (the question log) like the other platforms' (platform `cli`, a one-to-one
 * conversation, no user), so a newcomer's own questions show in `npm run report` and `npm run curate`.
 */
export async function runChat(engine: Engine, io: Io, interactive = true, recorder?: Recorder): Promise<void> {
  const facts = engine.corpus.facts.length;
  io.stdout.write(`${CHAT_BANNER}\n(${facts} facts loaded)\n\n`);
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive, crlfDelay: Infinity });
  rl.setPrompt('? ');
  if (interactive) rl.prompt();
  // The last answered question: the next line may follow it up ("그럼 KAIST는?", "출처 더", "in English").
  const thread: { last?: Turn } = {};
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit' || line === 'exit' || line === 'quit') break;
    io.stdout.write(`${reply(engine, line, thread, recorder)}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}

function reply(engine: Engine, line: string, thread: { last?: Turn }, recorder?: Recorder): string {
  if (line === '/help') return CHAT_BANNER;
  if (line === '/topics') return renderTopics(engine.topics('ko'));
  if (line.startsWith('/fact')) {
    const q = line.slice(5).trim();
    if (!q) return renderTopics(engine.topics('ko'));
    const lang = engine.detectLang(q) === 'en' && !/^[a-z0-9-]+$/.test(q) ? 'en' : 'ko';
    const found = engine.fact(q, lang);
    return found ? renderQuickFact(found) : `"${q}": 해당 주제가 없어요. /topics 로 목록을 보세요.`;
  }
  const started = performance.now();
  const answer = engine.askInThread(line, thread.last);
  // Like the other platforms' (a one-to-one conversation, no user); Enter alone is not a question.
  if (line) recorder?.question(questionRecord({ platform: 'cli', channelKind: 'dm' }, line, answer, performance.now() - started));
  if (answer.turn) thread.last = answer.turn;
  return renderAnswer(answer);
}
