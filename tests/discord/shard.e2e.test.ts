/**
 * The sharded bot as an operator runs it: `adapters/discord/shard.ts` in its own process (the
 * ShardingManager), one real bot process per shard (run.ts under tsx, the real engine) against the
 * fake Discord, and HEALTH_PORT set for all of them. The manager alone serves /healthz, /readyz (each
 * shard's state) and /metrics (added up over the shards); a shard killed shows in /readyz until it
 * is back; every line the whole tree writes is JSON; SIGTERM stops every process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.ts';
import { until } from '../helpers/bot-process.ts';
import { FakeDiscord } from './fake-discord.ts';

interface ShardReport {
  id: number;
  state: string;
  ready: boolean;
  pid?: number;
  status?: { ready: boolean; platforms: Record<string, string>; corpus: { facts: number } };
  restarts: number;
}

let fake: FakeDiscord;
let manager: ChildProcess;
// stdout and stderr apart: their chunks interleave, and a line split across them would not parse.
let out = '';
let err = '';
const logs = () => `${out}\n${err}`;
let port: number;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'discord-shards-'));


const readyz = async () => {
  const r = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: r.status, body: (await r.json()) as { ready: boolean; shards: ShardReport[] } };
};

beforeAll(async () => {
  fake = await FakeDiscord.start({ recommendedShards: 2 });
  // A fixed port, inherited by every shard process: each binding it would collide.
  port = await freePort();
  manager = spawn(process.execPath, ['--import', 'tsx', 'adapters/discord/shard.ts'], {
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'shard.token',
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARD_SPAWN_DELAY_MS: '50',
      HEALTH_PORT: String(port),
      LOG_FORMAT: 'json',
      CORPUS_WATCH: 'false',
      QUESTION_LOG: path.join(dir, 'questions.db'),
      QUESTION_LOG_HASH_KEY: 'a-test-key-of-enough-length',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  manager.stdout!.on('data', (d) => (out += d));
  manager.stderr!.on('data', (d) => (err += d));
  await until(() => (logs().includes('all 2 shard(s) ready') ? true : undefined), 40_000, `the shards; logs:\n${logs()}`);
}, 60_000);

afterAll(async () => {
  if (manager && manager.exitCode === null) manager.kill('SIGKILL');
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a sharded bot', () => {
  it('identifies one gateway session per shard, and the guild shard answers', async () => {
    const identified = fake.sessions.filter((s) => s.identify).map((s) => s.identify.shard);
    expect(identified.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const s of fake.sessions.filter((x) => x.identify)) expect(s.identify.token).toBe('shard.token');
    const d = fake.slashCommand('ask', [{ name: 'question', type: 3, value: 'GPU 몇 장 지원돼?' }]);
    const cb = await fake.waitForRequest((r) => r.path.includes(`/interactions/${d.id}/`), 10_000);
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('serves one /readyz for all shards on HEALTH_PORT, each shard with its own state', async () => {
    const { status, body } = await until(async () => {
      const r = await readyz();
      return r.status === 200 ? r : undefined;
    }, 10_000, '/readyz 200');
    expect(status).toBe(200);
    expect(body.shards.map((s) => s.id)).toEqual([0, 1]);
    for (const s of body.shards) {
      expect(s).toMatchObject({ state: 'ready', ready: true, pid: expect.any(Number), restarts: 0, status: { ready: true, platforms: { discord: 'connected' } } });
      expect(s.status!.corpus.facts).toBeGreaterThan(100);
    }
    expect(new Set(body.shards.map((s) => s.pid)).size).toBe(2);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toMatchObject({ status: 'ok', shards: 2 });
    // No shard ever bound the port or crash-looped.
    expect(logs()).not.toMatch(/EADDRINUSE|exited \(code/);
  });

  it('adds up the shards in /metrics', async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/^bot_questions_total\{platform="discord",outcome="answered"\} 1$/m);
    expect(text).toMatch(/^bot_shards 2$/m);
    expect(text).toMatch(/^bot_shards_ready 2$/m);
    expect(text).toMatch(/^bot_corpus_facts \d{3}$/m);
  });

  it('shows a killed shard as not ready until it is respawned, then answers from it again', async () => {
    const before = (await readyz()).body.shards;
    const guildShard = fake.sessions.find((s) => s.identify && s.shard[0] === Number((BigInt(fake.guildId) >> 22n) % 2n))!.shard[0];
    process.kill(before[guildShard]!.pid!, 'SIGKILL');
    const down = await until(async () => {
      const r = await readyz();
      return r.status === 503 ? r.body : undefined;
    }, 10_000, '/readyz 503');
    expect(down.ready).toBe(false);
    expect(down.shards[guildShard]!.ready).toBe(false);
    expect(down.shards[1 - guildShard]!.ready).toBe(true);

    const back = await until(async () => {
      const r = await readyz();
      return r.status === 200 ? r.body : undefined;
    }, 30_000, '/readyz 200 again');
    expect(back.shards[guildShard]).toMatchObject({ ready: true, restarts: 1 });
    expect(back.shards[guildShard]!.pid).not.toBe(before[guildShard]!.pid);
    const d = fake.slashCommand('ask', [{ name: 'question', type: 3, value: 'B200 몇 장?' }]);
    const cb = await fake.waitForRequest((r) => r.path.includes(`/interactions/${d.id}/`), 10_000);
    expect(cb.body.type).toBe(4);
  }, 45_000);

  it('logs JSON on every line, from the manager and the shards (each line of a shard with its id)', async () => {
    // pino writes asynchronously: wait for both answer lines before reading the log.
    await until(() => ((logs().match(/"msg":"answer"/g)?.length ?? 0) >= 2 ? true : undefined), 10_000, 'two answer log lines');
    const lines = logs().split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(5);
    const parsed = lines.map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${l}`);
      }
    });
    expect(parsed.some((l) => l.msg === 'discord: all 2 shard(s) ready' && l.shard === undefined)).toBe(true);
    const answers = parsed.filter((l) => l.msg === 'answer');
    expect(answers.length).toBe(2);
    for (const a of answers) expect(a).toMatchObject({ platform: 'discord', outcome: 'answered', shard: expect.any(Number), requestId: expect.any(String) });
    expect(parsed.filter((l) => l.msg === '467 facts loaded; answering' || String(l.msg).endsWith('facts loaded; answering')).every((l) => typeof l.shard === 'number')).toBe(true);
  });

  it('stops every shard process on SIGTERM', async () => {
    const pids = (await readyz()).body.shards.map((s) => s.pid!);
    manager.kill('SIGTERM');
    const code = await new Promise((resolve) => manager.once('exit', resolve));
    expect(code).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);
});
