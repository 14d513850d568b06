/**
 * Slack settings from the environment, validated with zod. Error messages name the variable and the
 * fix, and never include a secret's value.
 */
import { z } from 'zod';
import type { Commands } from './format.ts';

export interface SlackConfig {
  /** Bot User OAuth Token, `xoxb-…`. */
  botToken: string;
  /** Signing secret; verifies HTTP requests. Not needed in Socket Mode. */
  signingSecret?: string;
  /** App-level token, `xapp-…`, with `connections:write`; when set the bot runs in Socket Mode. */
  appToken?: string;
  /** Web API base URL (GovSlack, a proxy, tests); Slack's own when unset. Always ends with `/`. */
  apiUrl?: string;
  /** HTTP port for `POST /slack/events` (HTTP mode only); 0 picks a free one. */
  port: number;
  /** Interface to listen on; all interfaces when unset. */
  host?: string;
  commands: Commands;
}

/** The environment variables this adapter reads. */
export const SLACK_ENV_VARS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'SLACK_ASK_COMMAND',
  'SLACK_FACT_COMMAND',
] as const;

export class SlackConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Slack configuration: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\n  (see adapters/slack/README.md; unset every SLACK_* variable to run without Slack)',
    );
    this.name = 'SlackConfigError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

const command = (name: string, fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(
        /^\/[a-z0-9_\-\u3131-\u318e\uac00-\ud7a3]{1,31}$/,
        `${name} must be a slash command name like ${fallback}: a "/" then up to 31 lowercase letters, digits, - or _ (it must match the command in the app's manifest)`,
      )
      .default(fallback),
  );

const Env = z
  .object({
    SLACK_BOT_TOKEN: z.preprocess(
      blankToUndefined,
      z
        .string({ error: 'SLACK_BOT_TOKEN is missing: copy the Bot User OAuth Token (xoxb-…) from your app\'s "OAuth & Permissions" page' })
        .trim()
        .startsWith('xoxb-', 'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token), not a user or app token'),
    ),
    SLACK_SIGNING_SECRET: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[0-9a-f]{16,}$/i, 'SLACK_SIGNING_SECRET does not look like a signing secret (hex digits): copy it from "Basic Information → App Credentials → Signing Secret"')
        .optional(),
    ),
    SLACK_APP_TOKEN: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .startsWith('xapp-', 'SLACK_APP_TOKEN must be an app-level token starting with xapp- ("Basic Information → App-Level Tokens", scope connections:write); unset it to use HTTP mode')
        .optional(),
    ),
    SLACK_API_URL: z.preprocess(
      blankToUndefined,
      z
        .url({
          protocol: /^https?$/,
          error: 'SLACK_API_URL must be an http(s) URL of the Web API, e.g. https://slack-gov.com/api/ ; unset it to use https://slack.com/api/',
        })
        .transform((u) => (u.endsWith('/') ? u : `${u}/`))
        .optional(),
    ),
    SLACK_ASK_COMMAND: command('SLACK_ASK_COMMAND', '/ask'),
    SLACK_FACT_COMMAND: command('SLACK_FACT_COMMAND', '/fact'),
    PORT: z.preprocess(
      (v) => blankToUndefined(trimmed(v)),
      z.coerce
        .number({ error: 'PORT must be a whole number from 0 to 65535 (default 3000)' })
        .int('PORT must be a whole number from 0 to 65535 (default 3000)')
        .min(0, 'PORT must be a whole number from 0 to 65535 (default 3000)')
        .max(65535, 'PORT must be a whole number from 0 to 65535 (default 3000)')
        .default(3000),
    ),
  });

/** Rules across variables, checked on the raw values so they are reported alongside any other problem. */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const value = (k: string) => (env[k] ?? '').trim();
  const problems: string[] = [];
  if (!value('SLACK_APP_TOKEN') && !value('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing: HTTP mode needs it to verify requests (Basic Information → App Credentials → Signing Secret); or set SLACK_APP_TOKEN to use Socket Mode',
    );
  }
  const ask = value('SLACK_ASK_COMMAND') || '/ask';
  const fact = value('SLACK_FACT_COMMAND') || '/fact';
  if (ask === fact) problems.push(`SLACK_ASK_COMMAND and SLACK_FACT_COMMAND are both ${ask}: give the two commands different names`);
  return problems;
}

/**
 * Reads the Slack settings: undefined when no Slack variable is set at all (the bot runs without
 * Slack); a SlackConfigError listing every problem when they are set but incomplete or malformed.
 */
export function slackConfigFromEnv(env: Record<string, string | undefined> = process.env): SlackConfig | undefined {
  const anySet = SLACK_ENV_VARS.some((k) => (env[k] ?? '').trim() !== '');
  if (!anySet) return undefined;
  const picked = Object.fromEntries(['PORT', ...SLACK_ENV_VARS].map((k) => [k, env[k]]));
  const parsed = Env.safeParse(picked);
  // Messages are ours (never the input), so no secret can leak through them.
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((i) => i.message)), ...crossChecks(picked)];
  if (problems.length > 0 || !parsed.success) throw new SlackConfigError([...new Set(problems)]);
  const e = parsed.data;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
    ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
    ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
    port: e.PORT,
    commands: { ask: e.SLACK_ASK_COMMAND, fact: e.SLACK_FACT_COMMAND },
  };
}
