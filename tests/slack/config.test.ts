/** SLACK_* settings from the environment: defaults, validation, clear messages, no secrets in them. */
import { describe, expect, it } from 'vitest';
import { SlackConfigError, slackConfigFromEnv } from '../../adapters/slack/index.ts';

const SECRET = '0123456789abcdef0123456789abcdef';

describe('slackConfigFromEnv', () => {
  it('is undefined when no Slack variable is set (PORT alone does not count)', () => {
    expect(slackConfigFromEnv({})).toBeUndefined();
    expect(slackConfigFromEnv({ PORT: '8080', SLACK_BOT_TOKEN: '  ', DISCORD_TOKEN: 'x' })).toBeUndefined();
  });

  it('reads HTTP mode with defaults', () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: SECRET })).toEqual({
      botToken: 'xoxb-1-2',
      signingSecret: SECRET,
      port: 3000,
      commands: { ask: '/ask', fact: '/fact' },
    });
  });

  it('reads Socket Mode, the API URL, PORT and command names', () => {
    expect(
      slackConfigFromEnv({
        SLACK_BOT_TOKEN: ' xoxb-1-2 ',
        SLACK_APP_TOKEN: 'xapp-1-A-3',
        SLACK_API_URL: 'https://slack-gov.com/api',
        PORT: '8080',
        SLACK_ASK_COMMAND: '/sov-ask',
        SLACK_FACT_COMMAND: '/sov-fact',
      }),
    ).toEqual({
      botToken: 'xoxb-1-2',
      appToken: 'xapp-1-A-3',
      apiUrl: 'https://slack-gov.com/api/',
      port: 8080,
      commands: { ask: '/sov-ask', fact: '/sov-fact' },
    });
  });

  it('throws one error listing every problem, naming the variable and the fix', () => {
    let err: unknown;
    try {
      slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxp-user-token-value', SLACK_API_URL: 'ftp://x', PORT: 'eighty', SLACK_ASK_COMMAND: 'ask' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SlackConfigError);
    const message = (err as Error).message;
    expect((err as SlackConfigError).problems).toHaveLength(5);
    expect(message).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    expect(message).toContain('SLACK_SIGNING_SECRET is missing');
    expect(message).toContain('or set SLACK_APP_TOKEN to use Socket Mode');
    expect(message).toContain('SLACK_API_URL must be an http(s) URL');
    expect(message).toContain('PORT must be a whole number');
    expect(message).toContain('SLACK_ASK_COMMAND must be a slash command name');
    expect(message).not.toContain('xoxp-user-token-value');
  });

  it('names a missing bot token and a malformed secret without printing the secret', () => {
    expect(() => slackConfigFromEnv({ SLACK_SIGNING_SECRET: SECRET })).toThrow(/SLACK_BOT_TOKEN is missing/);
    const bad = 'not-a-secret-value!';
    try {
      slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: bad, SLACK_APP_TOKEN: 'xoxb-wrong' });
      expect.unreachable();
    } catch (e) {
      const m = (e as Error).message;
      expect(m).toContain('SLACK_SIGNING_SECRET does not look like a signing secret');
      expect(m).toContain('SLACK_APP_TOKEN must be an app-level token starting with xapp-');
      expect(m).not.toContain(bad);
      expect(m).not.toContain('xoxb-wrong');
    }
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_FACT_COMMAND: '/ask' })).toThrow(/both \/ask/);
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, PORT: '70000' })).toThrow(/PORT/);
  });
});
