import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../adapters/config.ts';
import { createLogger, scrub } from '../../runtime/logger.ts';
import { PassThrough } from 'node:stream';

describe('configuration', () => {
  it('defaults without any setting: no platform, the terminal chat', () => {
    const c = loadConfig({});
    expect(c.slack).toBeUndefined();
    expect(c.discord).toBeUndefined();
    expect(c.ops).toMatchObject({ logLevel: 'info', logFormat: 'json', questionLog: 'data/questions.db', rateLimits: { userPerMinute: 10, channelPerMinute: 60 }, maxQuestionChars: 1000 });
  });

  it('REDIS_URL: a redis:// URL, named when wrong without echoing it (it may hold a password)', () => {
    expect(loadConfig({ REDIS_URL: 'redis://:pw@redis:6379' }).ops).toMatchObject({ redisUrl: 'redis://:pw@redis:6379' });
    expect(loadConfig({}).ops.redisUrl).toBeUndefined();
    expect(() => loadConfig({ REDIS_URL: 'http://secret-pass@redis' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    let message = '';
    try {
      loadConfig({ REDIS_URL: 'http://secret-pass@redis' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain('secret-pass');
  });

  it('FOLLOWUP_TTL_MINUTES: 10 by default, fractions allowed, 0 turns follow-ups off, anything else named', () => {
    expect(loadConfig({}).ops.followUpTtlMinutes).toBe(10);
    expect(loadConfig({ FOLLOWUP_TTL_MINUTES: '30' }).ops.followUpTtlMinutes).toBe(30);
    expect(loadConfig({ FOLLOWUP_TTL_MINUTES: '0' }).ops.followUpTtlMinutes).toBe(0);
    expect(loadConfig({ FOLLOWUP_TTL_MINUTES: ' ' }).ops.followUpTtlMinutes).toBe(10);
    expect(loadConfig({ FOLLOWUP_TTL_MINUTES: '0.5' }).ops.followUpTtlMinutes).toBe(0.5);
    for (const bad of ['-1', 'ten', '1441', 'Infinity']) expect(() => loadConfig({ FOLLOWUP_TTL_MINUTES: bad }), bad).toThrow(/FOLLOWUP_TTL_MINUTES must be/);
  });

  it('QUESTION_LOG with {hostname}: a file per replica', () => {
    expect(loadConfig({ QUESTION_LOG: '/data/questions-{hostname}.db' }).ops.questionLog).toBe(`/data/questions-${os.hostname()}.db`);
  });

  it('reports every problem at once, naming the variable and the fix, never a secret', () => {
    const secret = 'xoxb-not-a-real-token-but-secret';
    let error: unknown;
    try {
      loadConfig({ LOG_LEVEL: 'loud', RATE_LIMIT_USER_PER_MINUTE: '-3', QUESTION_LOG_HASH_KEY: 'short', SLACK_BOT_TOKEN: secret, DISCORD_TOKEN: 'Bot abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['LOG_LEVEL', 'RATE_LIMIT_USER_PER_MINUTE', 'QUESTION_LOG_HASH_KEY', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN']) expect(message).toContain(name);
    expect(message).not.toContain(secret);
  });
});

describe('logs', () => {
  it('redact secrets by key and by value, in messages and in objects', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const log = createLogger({ level: 'info', format: 'json', secrets: ['super-secret-value'], destination: out });
    log.info('token is super-secret-value and xoxb-1234-5678-abcdefgh', { botToken: 'xoxb-1111', nested: { authorization: 'Bearer x' }, note: 'super-secret-value' });
    log.pino.flush();
    return new Promise<void>((resolve) => setTimeout(() => {
      expect(text).not.toContain('super-secret-value');
      expect(text).not.toContain('xoxb-');
      expect(text).not.toContain('Bearer x');
      expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ level: 30, msg: 'token is [redacted] and [redacted]' });
      resolve();
    }, 50));
  });

  it('scrub removes token shapes', () => {
    expect(scrub('a xapp-1-A111-333-abc b', [])).toBe('a [redacted] b');
  });
});
