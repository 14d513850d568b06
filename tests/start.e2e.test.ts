/**
 * `npm start` with no Slack or Discord settings, as `adapters/main.ts` runs: at a terminal (a real
 * pseudo-terminal through `script`) the chat; with --chat on piped input the chat; with no terminal
 * (a container, a service) exit code 2 and a message naming the variables to set.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

/** Runs `node --import tsx adapters/main.ts …args` with `input` on a pipe and no platform settings. */
function start(args: string[], input: string | null, command = process.execPath, questionLog = 'off'): Promise<{ code: number | null; out: string; err: string }> {
  const argv = command === process.execPath ? ['--import', 'tsx', 'adapters/main.ts', ...args] : args;
  const child = spawn(command, argv, { env: { PATH: process.env.PATH, QUESTION_LOG: questionLog }, stdio: [input === null ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  if (input !== null) child.stdin!.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('npm start with nothing configured', () => {
  it('without a terminal: exit code 2 and the variables to set, no chat', async () => {
    for (const input of [null, 'GPU 몇 장?\n']) {
      const r = await start([], input);
      expect(r.code).toBe(2);
      for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', '--chat']) expect(r.err).toContain(name);
      expect(r.out).toBe('');
    }
  });

  it('with --chat on piped input: answers each line, exit code 0', async () => {
    const r = await start(['--chat'], 'GPU 몇 장 지원돼?\n/quit\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('출처: ');
  });

  it('the chat writes its questions to QUESTION_LOG (platform cli), flushed before it exits', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-log-'));
    try {
      const file = path.join(dir, 'questions.db');
      const r = await start(['--chat'], 'GPU 몇 장 지원돼?\n루닛 주가 얼마야?\n/quit\n', process.execPath, file);
      expect(r.code).toBe(0);
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT platform, question, answered FROM questions ORDER BY id').all()).toEqual([
        { platform: 'cli', question: 'GPU 몇 장 지원돼?', answered: 1 },
        { platform: 'cli', question: '루닛 주가 얼마야?', answered: 0 },
      ]);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('at a terminal: the chat', async () => {
    // `script` runs the bot on a pseudo-terminal, so its standard input is a TTY.
    const r = await start(['-qec', `${process.execPath} --import tsx adapters/main.ts`, '/dev/null'], 'GPU 몇 장 지원돼?\n/quit\n', 'script');
    expect(r.code).toBe(0);
    expect(r.out).toContain('facts loaded');
    expect(r.out).toContain('출처: ');
  });

  it('an unknown option: usage and exit code 2', async () => {
    const r = await start(['--chatt'], null);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option --chatt\nusage: npm start/);
  });
});
