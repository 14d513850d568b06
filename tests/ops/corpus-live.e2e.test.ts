/**
 * Live corpus reload in the bot started as `npm start`, seen through GET /readyz (facts, version,
 * last reload error): edits saved the ways editors and git save them keep being seen, and a broken
 * edit (a YAML alias bomb, an emptied file) is refused while the last good corpus keeps serving.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBotProcess, until, type BotProcess } from '../helpers/bot-process.ts';
import { aliasBomb, writeCorpus } from '../helpers/tmp-corpus.ts';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../slack/fake-slack.ts';

let fake: FakeSlack;
let bot: BotProcess;
let dir: string;

beforeAll(async () => {
  fake = await FakeSlack.start();
  dir = writeCorpus();
  bot = startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', CORPUS_DIR: dir, CORPUS_WATCH: 'true' });
  await bot.port();
});

afterAll(async () => {
  await bot?.kill();
  await fake?.close();
  for (const d of [dir, `${dir}.old`, `${dir}.new`]) fs.rmSync(d, { recursive: true, force: true });
});

/** A fact file with `n` facts whose statements are unique to `tag`. */
function facts(n: number, tag: string): string {
  return Array.from(
    { length: n },
    (_, i) => `- id: extra-${tag}-${i}
  topic: gpu
  ko: 추가 사실 ${tag} ${i}번이다.
  en: Extra fact ${tag} number ${i}.
  sources: [01-paper-2025-01-01]
  asOf: 2025-01-01
`,
  ).join('');
}

/** Waits until /readyz shows `n` facts (the mini corpus has 2 of its own). */
const factsServing = (n: number, what: string) => until(async () => ((await bot.readyz()).corpus.facts === n ? bot.readyz() : undefined), 6_000, `${n} facts after ${what}`);

it('follows rename-saves, sed -i, delete-and-recreate and a swapped folder; refuses broken edits and keeps serving', async () => {
  const first = await bot.readyz();
  expect(first.corpus).toMatchObject({ facts: 2, version: expect.stringMatching(/^[0-9a-f]{12}$/) });
  const extra = path.join(dir, 'facts', 'extra.yaml');

  // An editor's save: write a temp file, rename it over the target (a new inode).
  fs.writeFileSync(`${extra}.tmp`, facts(1, 'a'));
  fs.renameSync(`${extra}.tmp`, extra);
  await factsServing(3, 'a rename-save');
  // Later edits of that file must still be seen (Node's recursive fs.watch went deaf here).
  fs.writeFileSync(extra, facts(2, 'b'));
  await factsServing(4, 'a plain write after the rename');
  const before = (await bot.readyz()).corpus.version;
  execFileSync('sed', ['-i', 's/number 0/number zero/', extra]);
  await until(async () => ((await bot.readyz()).corpus.version !== before ? true : undefined), 6_000, 'a new version after sed -i');
  fs.writeFileSync(extra, facts(3, 'c'));
  await factsServing(5, 'a write after sed -i');

  // git checkout / git pull: delete, then create again.
  fs.rmSync(extra);
  await factsServing(2, 'deleting the file');
  fs.writeFileSync(extra, facts(1, 'd'));
  await factsServing(3, 're-creating it');

  // The whole folder swapped for another (a deploy that renames a new copy into place).
  fs.cpSync(dir, `${dir}.new`, { recursive: true });
  fs.writeFileSync(path.join(`${dir}.new`, 'facts', 'extra.yaml'), facts(4, 'e'));
  fs.renameSync(dir, `${dir}.old`);
  fs.renameSync(`${dir}.new`, dir);
  await factsServing(6, 'swapping the folder');
  fs.writeFileSync(extra, facts(5, 'f'));
  await factsServing(7, 'an edit in the swapped-in folder');

  // Broken edits: refused with file and line, the last good corpus keeps serving, the process lives.
  fs.writeFileSync(extra, aliasBomb());
  const bomb = await until(async () => (await bot.readyz()).corpus.lastReloadError, 6_000, 'the alias bomb to be refused');
  expect(bomb.message).toMatch(/facts\/extra\.yaml:2: too many YAML aliases/);
  fs.writeFileSync(extra, '');
  const empty = await until(async () => {
    const e = (await bot.readyz()).corpus.lastReloadError;
    return e && e.message !== bomb.message ? e : undefined;
  }, 6_000, 'the emptied file to be refused');
  expect(empty.message).toMatch(/facts\/extra\.yaml: no facts in this file/);
  const after = await bot.readyz();
  expect(after.corpus.facts).toBe(7);
  expect(after.ready).toBe(true);
  expect(bot.child.exitCode).toBeNull();
  expect(bot.logs()).toMatch(/corpus edit refused, the last good corpus keeps serving/);

  fs.writeFileSync(extra, facts(1, 'g'));
  await factsServing(3, 'a good edit after the broken ones');
}, 60_000);
