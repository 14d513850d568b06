/**
 * `npm run discord:register`: puts the slash commands (`/ask`, `/fact`, with Korean names and
 * descriptions) on Discord: globally, or to DISCORD_GUILD_ID only (instant; handy while testing).
 * A PUT replaces the whole command list, so running it again is safe.
 */
import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField, REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { commandDefinitions } from './commands/index.ts';
import { isMain, runMain } from '../entry.ts';
import { requireDiscordConfig, type DiscordConfig } from './config.ts';
import type { Logger } from './context.ts';

export interface RegisterResult {
  route: string;
  scope: 'global' | 'guild';
  names: string[];
  /** The link that adds the bot to a server. */
  invite: string;
}

/**
 * What the bot needs in a channel: see it, send (also in threads), show embeds, and read history
 * (a reply to a message needs it). Slash-command answers need no channel permission at all.
 */
export const BOT_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
]).bitfield;

/** The OAuth2 URL that invites the bot with scopes bot + applications.commands and the least permissions. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.toString(),
    integration_type: '0',
  });
  return `https://discord.com/oauth2/authorize?${params}`;
}

/** The command bodies for a route: guild commands take no `contexts` / `integration_types` (global only). */
export function commandBodies(scope: 'global' | 'guild'): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commandDefinitions().map((c) => {
    if (scope === 'global') return c;
    const { contexts: _c, integration_types: _i, ...rest } = c;
    return rest;
  });
}

export async function registerCommands(config: DiscordConfig, logger: Pick<Logger, 'info'> = console): Promise<RegisterResult> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const scope = config.guildId ? 'guild' : 'global';
  const route = config.guildId ? Routes.applicationGuildCommands(applicationId, config.guildId) : Routes.applicationCommands(applicationId);
  const body = commandBodies(scope);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  const names = saved.map((c) => c.name);
  const invite = inviteUrl(applicationId);
  logger.info(
    `discord: registered ${names.map((n) => `/${n}`).join(', ')} ${scope === 'guild' ? `to guild ${config.guildId} (available now)` : 'globally (may take up to an hour to appear)'}`,
  );
  logger.info(`discord: invite the bot with ${invite}`);
  return { route, scope, names, invite };
}

if (isMain(import.meta.url)) {
  await runMain(async () => {
    const config = requireDiscordConfig(process.env);
    await registerCommands(config);
  });
}
