/**
 * Every setting of the running bot, from the environment, validated once: the runtime's own (logs,
 * question log, rate limits, health, corpus) in runtime/config.ts, Slack's and Discord's in their
 * config modules (never their SDK-loading index files, so a Discord shard or the terminal chat does
 * not load @slack/bolt). All problems are reported together, each naming the variable and the fix;
 * no secret is echoed. .env.example documents them all.
 */
import { opsConfigFromEnv, type OpsConfig } from '../runtime/config.ts';
import { discordConfigFromEnv, DiscordConfigError, type DiscordConfig } from './discord/config.ts';
import { slackConfigFromEnv, SlackConfigError, type SlackConfig } from './slack/config.ts';

export type { OpsConfig };

export interface Config {
  ops: OpsConfig;
  slack?: SlackConfig;
  discord?: DiscordConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  - ${p}`).join('\n')}\n  (see .env.example and README.md → Configuration)`);
    this.name = 'ConfigError';
  }
}

/** Reads the whole configuration; throws ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined>, isTty = false): Config {
  const problems: string[] = [];
  const ops = opsConfigFromEnv(env, isTty);
  if (!ops.ok) problems.push(...ops.problems);
  let slack: SlackConfig | undefined;
  let discord: DiscordConfig | undefined;
  try {
    slack = slackConfigFromEnv(env);
  } catch (e) {
    if (!(e instanceof SlackConfigError)) throw e;
    problems.push(...e.problems.map((p) => `Slack: ${p}`));
  }
  try {
    discord = discordConfigFromEnv(env);
  } catch (e) {
    if (!(e instanceof DiscordConfigError)) throw e;
    problems.push(...e.problems.map((p) => `Discord: ${p}`));
  }
  if (problems.length > 0 || !ops.ok) throw new ConfigError(problems);
  return { ops: ops.ops, ...(slack ? { slack } : {}), ...(discord ? { discord } : {}) };
}
