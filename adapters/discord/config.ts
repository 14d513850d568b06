/** Discord settings from the environment, validated with messages that say what to fix. */
import { z } from 'zod';

const Snowflake = (name: string) =>
  z.string().regex(/^\d{17,20}$/, `${name} must be a Discord id (17–20 digits; enable Developer Mode, then right-click → Copy ID)`);

const Env = z.object({
  DISCORD_TOKEN: z
    .string()
    .trim()
    .min(1, 'DISCORD_TOKEN must not be empty')
    .refine((t) => !/^Bot\s/i.test(t), 'DISCORD_TOKEN must be the bare bot token, without the "Bot " prefix')
    .refine((t) => /^Bot\s/i.test(t) || !/\s/.test(t), 'DISCORD_TOKEN must not contain spaces (copy it again from the Bot page)'),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'DISCORD_API_URL must be an http(s) URL such as https://discord.com/api' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  DISCORD_GUILD_ID: Snowflake('DISCORD_GUILD_ID').optional(),
  DISCORD_APPLICATION_ID: Snowflake('DISCORD_APPLICATION_ID').optional(),
  DISCORD_SHARD_COUNT: z.coerce
    .number({ error: 'DISCORD_SHARD_COUNT must be a whole number ≥ 1' })
    .int('DISCORD_SHARD_COUNT must be a whole number ≥ 1')
    .min(1, 'DISCORD_SHARD_COUNT must be a whole number ≥ 1')
    .optional(),
  DISCORD_SHARD_SPAWN_DELAY_MS: z.coerce
    .number({ error: 'DISCORD_SHARD_SPAWN_DELAY_MS must be a whole number of milliseconds (default 5500)' })
    .int('DISCORD_SHARD_SPAWN_DELAY_MS must be a whole number of milliseconds (default 5500)')
    .min(0, 'DISCORD_SHARD_SPAWN_DELAY_MS must be at least 0')
    .optional(),
});

export interface DiscordConfig {
  /** The bot token (Developer Portal → Bot → Reset Token). */
  token: string;
  /** REST base handed to discord.js as `rest.api` (default https://discord.com/api); the gateway URL comes from GET /gateway/bot there. */
  apiUrl?: string;
  /** Register commands to this guild only (instant) instead of globally. */
  guildId?: string;
  /** The application id; register.ts asks Discord for it when unset. */
  applicationId?: string;
  /** shard.ts: how many shards to spawn (default: Discord's recommendation). */
  shardCount?: number;
  /** shard.ts: pause between two shard spawns (default 5.5 s: one identify per 5 s per bucket). */
  shardSpawnDelayMs?: number;
}

export class DiscordConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Discord configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DiscordConfigError';
  }
}

/**
 * The Discord config, or undefined when DISCORD_TOKEN is unset (Discord is then simply not started).
 * Empty variables count as unset. Throws DiscordConfigError listing every problem.
 */
export function discordConfigFromEnv(env: Record<string, string | undefined> = process.env): DiscordConfig | undefined {
  const vars = Object.fromEntries(
    Object.keys(Env.shape)
      .map((k) => [k, env[k]?.trim()] as const)
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  if (vars.DISCORD_TOKEN === undefined) return undefined;
  const parsed = Env.safeParse(vars);
  if (!parsed.success) throw new DiscordConfigError(parsed.error.issues.map((i) => i.message));
  const e = parsed.data;
  return {
    token: e.DISCORD_TOKEN,
    ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
    ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
    ...(e.DISCORD_APPLICATION_ID ? { applicationId: e.DISCORD_APPLICATION_ID } : {}),
    ...(e.DISCORD_SHARD_COUNT ? { shardCount: e.DISCORD_SHARD_COUNT } : {}),
    ...(e.DISCORD_SHARD_SPAWN_DELAY_MS !== undefined ? { shardSpawnDelayMs: e.DISCORD_SHARD_SPAWN_DELAY_MS } : {}),
  };
}

/** The configuration for the scripts that need Discord (register, shard): an error saying what to set when it is missing. */
export function requireDiscordConfig(env: Record<string, string | undefined>): DiscordConfig {
  const config = discordConfigFromEnv(env);
  if (!config) throw new Error('DISCORD_TOKEN is not set: put the bot token (Developer Portal → Bot) in the environment.');
  return config;
}
