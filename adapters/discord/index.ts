/**
 * The Discord adapter: `discordConfigFromEnv` and `startDiscord`, called from adapters/main.ts.
 * Slash commands (`/ask`, `/fact` with autocomplete), mentions and DMs, 👍/👎 feedback.
 */
import { Client, Events, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { Recorder } from '../../src/record.ts';
import { discordConfigFromEnv, DiscordConfigError, type DiscordConfig } from './config.ts';
import { LatencyTracker, type BotContext, type DiscordEngine, type Logger } from './context.ts';
import { FeedbackStore } from './feedback.ts';
import { handleInteraction } from './interactions.ts';
import { handleMessage } from './messages.ts';
import { describe } from './respond.ts';

export { discordConfigFromEnv, DiscordConfigError, type DiscordConfig };
export type { DiscordEngine, Logger };
export { commandDefinitions } from './commands/index.ts';

export interface StartDiscordOptions {
  recorder: Recorder;
  logger?: Logger;
  /** Defer an interaction when its age plus the engine's recent worst time exceeds this (ms). Default 1500. */
  deferAfterMs?: number;
  /** How long stop() waits for answers being sent (ms). Default 5000. */
  drainMs?: number;
}

export interface DiscordBot {
  /** The logged-in discord.js client (for diagnostics). */
  client: Client<true>;
  /** Logs out and closes the gateway connection; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The least the bot needs: guild and channel events, messages in guilds and DMs. No MessageContent:
 * Discord still sends the text of messages that mention the bot, and of DMs.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

/** Logs in and resolves once the bot is ready (every guild received); rejects if login fails. */
export async function startDiscord(engine: DiscordEngine, config: DiscordConfig, options: StartDiscordOptions): Promise<DiscordBot> {
  const logger = options.logger ?? console;
  const ctx: BotContext = {
    engine,
    recorder: options.recorder,
    logger,
    feedback: new FeedbackStore(),
    latency: new LatencyTracker(),
    deferAfterMs: options.deferAfterMs ?? 1500,
  };

  const client = new Client({
    intents: [...INTENTS],
    // DM channels are not cached until used; without this partial, DMs would never arrive.
    partials: [Partials.Channel],
    // The default for every message this client sends; handlers also set it explicitly.
    allowedMentions: { parse: [], repliedUser: false },
    failIfNotExists: false,
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    // The bot reads nothing back: keep no messages, members (but itself) or presences, and few users.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 1000, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });

  // Answers in flight, so stop() can let them finish before closing the connection.
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const onInteraction = (i: Parameters<typeof handleInteraction>[0]) => track(handleInteraction(i, ctx));
  const onMessage = (m: Parameters<typeof handleMessage>[0]) =>
    track(handleMessage(m, ctx).catch((e: unknown) => logger.error('discord: message handler failed', { error: describe(e) })));
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.MessageCreate, onMessage);
  client.on(Events.Error, (e) => logger.error('discord: client error', { error: describe(e) }));
  client.on(Events.Warn, (message) => logger.warn(`discord: ${message}`));
  client.on(Events.ShardError, (e, shardId) => logger.warn('discord: gateway connection error', { shardId, error: describe(e) }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.error('discord: gateway closed for good', { shardId, code: event.code }));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.token);
    const c = await ready;
    logger.info(`discord: ready as ${c.user.tag}`, { guilds: c.guilds.cache.size, shards: c.ws.shards.map((s) => s.id) });
    let stopped = false;
    return {
      client: c,
      async stop() {
        if (stopped) return;
        stopped = true;
        // Take no new questions, let the answers in flight be sent (at most drainMs), then close.
        client.off(Events.InteractionCreate, onInteraction);
        client.off(Events.MessageCreate, onMessage);
        const drained = Promise.allSettled([...inFlight]);
        await Promise.race([drained, new Promise((r) => setTimeout(r, options.drainMs ?? 5000).unref())]);
        await client.destroy();
      },
    };
  } catch (e) {
    await client.destroy().catch(() => {});
    throw e;
  }
}
