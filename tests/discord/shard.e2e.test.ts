/**
 * adapters/discord/shard.ts: a ShardingManager spawns one real bot process per shard (run.ts under
 * tsx, the real engine), each identifying to the fake gateway with its own shard id.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShards, type ShardedBot } from '../../adapters/discord/shard.ts';
import { FakeDiscord } from './fake-discord.ts';
import { memoryLogger } from './helpers.ts';

const SAVED = ['DISCORD_API_URL', 'QUESTION_LOG', 'SHARDING_MANAGER', 'SHARDING_MANAGER_MODE', 'DISCORD_TOKEN'] as const;
const saved = Object.fromEntries(SAVED.map((k) => [k, process.env[k]]));
let fake: FakeDiscord;
let sharded: ShardedBot | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'discord-shards-'));

beforeAll(async () => {
  fake = await FakeDiscord.start({ recommendedShards: 2 });
  // The shard processes inherit the environment.
  process.env.DISCORD_API_URL = fake.apiUrl;
  process.env.QUESTION_LOG = path.join(dir, 'questions.db');
});

afterAll(async () => {
  await sharded?.stop();
  await fake?.close();
  for (const k of SAVED) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sharding', () => {
  it('spawns one process per recommended shard; the guild shard answers', async () => {
    const logger = memoryLogger();
    sharded = await startShards({ token: 'shard.token', apiUrl: fake.apiUrl }, { spawnDelayMs: 50, readyTimeoutMs: 15_000, logger, silent: true });
    expect(sharded.manager.totalShards).toBe(2);
    const identified = fake.sessions.filter((s) => s.identify).map((s) => s.identify.shard);
    expect(identified.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const s of fake.sessions.filter((x) => x.identify)) expect(s.identify.token).toBe('shard.token');
    expect(logger.lines.some((l) => l.message.includes('all 2 shard(s) ready'))).toBe(true);

    const d = fake.slashCommand('ask', [{ name: 'question', type: 3, value: 'GPU 몇 장 지원돼?' }]);
    const cb = await fake.waitForRequest((r) => r.path.includes(`/interactions/${d.id}/`), 10_000);
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  }, 40_000);

  it('stops every shard process', async () => {
    const pids = [...sharded!.manager.shards.values()].map((s) => s.process!.pid!);
    await sharded!.stop();
    sharded = undefined;
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
