/** DISCORD_* environment variables: validated, with messages that say what to fix. */
import { describe, expect, it } from 'vitest';
import { discordConfigFromEnv, DiscordConfigError } from '../../adapters/discord/index.ts';

const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789';

describe('discordConfigFromEnv', () => {
  it.each([
    ['unset', {}],
    ['empty', { DISCORD_TOKEN: '' }],
    ['blank', { DISCORD_TOKEN: '   ' }],
  ])('is undefined when DISCORD_TOKEN is %s (Discord is not started)', (_, env) => {
    expect(discordConfigFromEnv(env)).toBeUndefined();
  });

  it('reads the token alone', () => {
    expect(discordConfigFromEnv({ DISCORD_TOKEN: ` ${token}\n` })).toEqual({ token });
  });

  it('reads every variable; empty ones count as unset', () => {
    expect(
      discordConfigFromEnv({
        DISCORD_TOKEN: token,
        DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
        DISCORD_GUILD_ID: '123456789012345678',
        DISCORD_APPLICATION_ID: '',
        DISCORD_SHARD_COUNT: '4',
      }),
    ).toEqual({ token, apiUrl: 'http://127.0.0.1:8080/api', guildId: '123456789012345678', shardCount: 4 });
  });

  it.each([
    [{ DISCORD_TOKEN: `Bot ${token}` }, 'without the "Bot " prefix'],
    [{ DISCORD_TOKEN: 'two words' }, 'must not contain spaces'],
    [{ DISCORD_TOKEN: token, DISCORD_API_URL: 'discord.com/api' }, 'DISCORD_API_URL must be an http(s) URL'],
    [{ DISCORD_TOKEN: token, DISCORD_API_URL: 'ftp://discord.com/api' }, 'DISCORD_API_URL must be an http(s) URL'],
    [{ DISCORD_TOKEN: token, DISCORD_GUILD_ID: 'my-server' }, 'DISCORD_GUILD_ID must be a Discord id'],
    [{ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '12' }, 'DISCORD_APPLICATION_ID must be a Discord id'],
    [{ DISCORD_TOKEN: token, DISCORD_SHARD_COUNT: '0' }, 'DISCORD_SHARD_COUNT must be a whole number'],
    [{ DISCORD_TOKEN: token, DISCORD_SHARD_COUNT: 'many' }, 'DISCORD_SHARD_COUNT must be a whole number'],
  ])('rejects %j: %s', (env, message) => {
    expect(() => discordConfigFromEnv(env)).toThrow(DiscordConfigError);
    expect(() => discordConfigFromEnv(env)).toThrow(message);
  });

  it('lists every problem at once', () => {
    try {
      discordConfigFromEnv({ DISCORD_TOKEN: 'Bot x', DISCORD_GUILD_ID: 'x', DISCORD_API_URL: 'nope' });
      expect.unreachable();
    } catch (e) {
      expect((e as DiscordConfigError).problems).toHaveLength(3);
      expect((e as Error).message).toMatch(/^Discord configuration is invalid:\n {2}- /);
    }
  });
});
