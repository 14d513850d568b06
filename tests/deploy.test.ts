/**
 * What can be checked of the deployment without a container engine: `npm run build` output runs
 * under plain node as the Dockerfile's CMD and HEALTHCHECK say (against the fake Slack: ready,
 * answers, healthy, SIGTERM exits 0), every file the Dockerfile copies exists and is not ignored,
 * the compose file wires the bot to Redis and a volume, the systemd unit starts what the image
 * starts, and the README documents those same commands.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from './helpers/free-port.ts';
import { until } from './helpers/bot-process.ts';
import { BOT_TOKEN, BOT_USER_ID, eventEnvelope, FakeSlack, postEvent, SIGNING_SECRET } from './slack/fake-slack.ts';

const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
const readme = fs.readFileSync('README.md', 'utf8');
/** Dockerfile instructions, continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const jsonArgs = (keyword: string) => JSON.parse(instructions.find((l) => l.startsWith(`${keyword} `))!.replace(/^[A-Z]+ (--\S+ )*(CMD )?/, '')) as string[];

let fake: FakeSlack;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'build'], { timeout: 120_000 });
  fake = await FakeSlack.start();
}, 150_000);

afterAll(async () => {
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});


describe('the Dockerfile', () => {
  it('builds in one stage with the toolchain and runs in a slim one as a non-root user', () => {
    const froms = instructions.filter((l) => l.startsWith('FROM '));
    expect(froms).toHaveLength(2);
    expect(froms[0]).toMatch(/^FROM node:20\S*-slim AS build$/);
    expect(froms[1]).toMatch(/^FROM node:20\S*-slim AS runtime$/);
    const [build, runtime] = dockerfile.split(/^FROM .* AS runtime$/m) as [string, string];
    expect(build).toMatch(/apt-get install[^\n]*python3 make g\+\+/);
    expect(build).toMatch(/RUN npm ci/);
    expect(build).toMatch(/RUN npm run build/);
    expect(runtime).not.toMatch(/g\+\+|apt-get install/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(jsonArgs('VOLUME')).toEqual(expect.arrayContaining(['/app/corpus', '/data']));
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = fs
      .readFileSync('.dockerignore', 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    const sources = instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from=')).flatMap((l) => l.split(/\s+/).slice(1, -1));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(fs.existsSync(source), source).toBe(true);
      expect(ignored.some((pattern) => source === pattern || source.startsWith(`${pattern}/`)), `${source} is in .dockerignore`).toBe(false);
    }
    for (const secret of ['.env', 'node_modules', 'data', '.git']) expect(ignored).toContain(secret);
    // The build compiles the scripts it copies: what they import must be copied too.
    const copied = (file: string) => sources.some((s) => file === s || file.startsWith(`${s}/`));
    for (const script of sources.filter((s) => s.endsWith('.ts'))) {
      for (const [, spec] of fs.readFileSync(script, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const imported = path.relative('.', path.resolve(path.dirname(script), spec!));
        expect(copied(imported), `${script} imports ${imported}, which the build stage does not copy`).toBe(true);
      }
    }
  });

  it('runs what the build produced: CMD and HEALTHCHECK name files in dist/, and the README documents them', () => {
    const cmd = jsonArgs('CMD');
    const healthcheck = jsonArgs('HEALTHCHECK');
    expect(cmd).toEqual(['node', 'dist/adapters/main.js']);
    expect(healthcheck).toEqual(['node', 'dist/runtime/healthcheck.js']);
    for (const file of [cmd[1]!, healthcheck[1]!, 'dist/adapters/discord/shard.js', 'dist/scripts/report.js']) expect(fs.existsSync(file), file).toBe(true);
    expect(readme).toContain('npm run build && node dist/adapters/main.js');
    expect(readme).toContain('docker build -t sovereign-ai-bot .');
    expect(readme).toContain('docker compose up -d --build');
    expect(readme).toContain('node dist/adapters/discord/shard.js');
    expect(readme).toContain('node dist/scripts/report.js --db /data');
  });

  it('the built bot starts with plain node as the image runs it: ready, answers, healthy, and exits 0 on SIGTERM', async () => {
    const env: Record<string, string> = { PATH: process.env.PATH!, HOME: dir };
    // The image's environment, with the paths and ports of this machine.
    for (const l of instructions.filter((x) => x.startsWith('ENV ')))
      for (const m of l.slice(4).matchAll(/(\w+)=(\S+)/g)) env[m[1]!] = m[2]!;
    // The corpus the build links (dist/corpus → corpus/) instead of the image's /app/corpus.
    delete env.CORPUS_DIR;
    Object.assign(env, { QUESTION_LOG: path.join(dir, 'questions.db'), PORT: String(await freePort()), HEALTH_PORT: String(await freePort()) });
    Object.assign(env, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, QUESTION_LOG_HASH_KEY: 'a-test-key-of-enough-length', CORPUS_WATCH: 'false' });
    const [command, ...args] = jsonArgs('CMD');
    const bot = spawn(command!, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let logs = '';
    bot.stdout!.on('data', (d) => (logs += d));
    bot.stderr!.on('data', (d) => (logs += d));
    const exited = new Promise<number | null>((resolve) => bot.on('exit', resolve));
    try {
      const ready = await until(async () => {
        const r = await fetch(`http://127.0.0.1:${env.HEALTH_PORT}/readyz`);
        return r.status === 200 ? ((await r.json()) as { ready: boolean }) : undefined;
      }, 30_000, `ready; logs:\n${logs}`);
      expect(ready.ready).toBe(true);
      // Logged right after the platforms are up, which /readyz may see first: pino writes asynchronously.
      await until(() => (/\d{3} facts loaded; answering/.test(logs) ? true : undefined), 5000, `the start line; logs:\n${logs}`);

      const event = { type: 'app_mention', user: 'U0DEPLOY1', text: `<@${BOT_USER_ID}> GPU 몇 장 지원돼?`, ts: '1760000000.000001', channel: 'C0DEPLOY1' };
      await postEvent(`http://127.0.0.1:${env.PORT}/slack/events`, eventEnvelope(event));
      await until(() => (fake.calledWith('chat.postMessage').some((c) => c.args.thread_ts === event.ts) ? true : undefined), 10_000, 'the answer');

      const [hcCommand, ...hcArgs] = jsonArgs('HEALTHCHECK');
      expect(spawnSync(hcCommand!, hcArgs, { env }).status).toBe(0);
      bot.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(spawnSync(hcCommand!, hcArgs, { env }).status).toBe(1);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
    }
  }, 60_000);
});

describe('compose.yaml', () => {
  it('runs the image with Redis, the question log on a volume, the corpus mounted', () => {
    const compose = parse(fs.readFileSync('compose.yaml', 'utf8')) as {
      services: Record<string, { build?: string; image?: string; environment?: Record<string, string>; volumes?: string[]; depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[] } }>;
      volumes: Record<string, unknown>;
    };
    const { bot, redis } = compose.services;
    expect(bot!.build).toBe('.');
    expect(bot!.environment!.REDIS_URL).toBe('redis://redis:6379');
    expect(bot!.environment!.QUESTION_LOG).toMatch(/^\/data\//);
    expect(bot!.volumes).toEqual(expect.arrayContaining(['questions:/data', './corpus:/app/corpus:ro']));
    expect(bot!.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(redis!.image).toMatch(/^redis:/);
    expect(redis!.healthcheck!.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(compose.volumes).toHaveProperty('questions');
  });
});

describe('the systemd unit', () => {
  it('starts what the image starts, does not restart a bot with nothing configured, and waits for the drain', () => {
    const unit = fs.readFileSync('deploy/sovereign-ai-bot.service', 'utf8');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node dist\/adapters\/main\.js$/m);
    expect(unit).toMatch(/^RestartPreventExitStatus=2$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)![1])).toBeGreaterThan(10 + 3);
    expect(readme).toContain('deploy/sovereign-ai-bot.service');
  });
});
