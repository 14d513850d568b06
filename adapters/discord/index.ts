/**
 * The Discord adapter: `discordConfigFromEnv` and `startDiscord`, called from adapters/main.ts.
 * Slash commands (`/ask`, `/fact` with autocomplete), mentions and DMs, 👍/👎 feedback.
 */
import { Client, DiscordAPIError, Events, GatewayCloseCodes, GatewayIntentBits, HTTPError, Options, Partials, RESTEvents } from 'discord.js';
import { InFlight } from '../../runtime/in-flight.ts';
import { Outbox, SendTimeoutError } from '../../runtime/outbox.ts';
import { WorkQueue } from '../../runtime/work-queue.ts';
import type { Bot } from '../../runtime/bot.ts';
import { discordConfigFromEnv, DiscordConfigError, type DiscordConfig } from './config.ts';
import { LatencyTracker, type BotContext, type Logger } from './context.ts';
import { FeedbackStore } from './feedback.ts';
import { handleInteraction } from './interactions.ts';
import { handleMessage } from './messages.ts';
import { describe } from './respond.ts';

export { discordConfigFromEnv, DiscordConfigError, type DiscordConfig };
export type { Logger };
export { commandDefinitions } from './commands/index.ts';

export interface StartDiscordOptions {
  logger?: Logger;
  /** Defer an interaction when its age plus the engine's recent worst time exceeds this (ms). Default 1500. */
  deferAfterMs?: number;
  /** How long stop() waits for answers being made and sent (SHUTDOWN_TIMEOUT_MS). Default 10 s. */
  drainMs?: number;
  /** Time limit of every REST call (OUTBOUND_TIMEOUT_MS). Default 10 s. */
  outboundTimeoutMs?: number;
  /** Where answers are computed; shared with the other platforms by the app. */
  work?: WorkQueue;
  /** Called when Discord closes the gateway for good (a refused token or intents): the bot cannot recover. */
  onFatal?(message: string): void;
}

export interface DiscordBot {
  /** The logged-in discord.js client (for diagnostics). */
  client: Client<true>;
  /** Takes no new questions, waits (up to drainMs) for answers in flight, logs out; resolves with how many were abandoned. Safe to call twice. */
  stop(): Promise<{ abandoned: number }>;
}

/**
 * The least the bot needs: guild and channel events, messages in guilds and DMs. No MessageContent:
 * Discord still sends the text of messages that mention the bot, and of DMs.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

/** Logs in and resolves once the bot is ready (every guild received); rejects if login fails. */
export async function startDiscord(bot: Bot, config: DiscordConfig, options: StartDiscordOptions = {}): Promise<DiscordBot> {
  const logger = options.logger ?? console;
  const ctx: BotContext = {
    bot,
    logger,
    feedback: new FeedbackStore(),
    latency: new LatencyTracker(),
    deferAfterMs: options.deferAfterMs ?? 1500,
    work: options.work ?? new WorkQueue(),
    // discord.js already waits out 429s per route (a channel's bucket), so only the time limit is added.
    // Failures with an HTTP status are counted from the REST client's responses (below); these are the others.
    outbox: new Outbox({
      timeoutMs: options.outboundTimeoutMs ?? 10_000,
      observe: (event, e) => {
        if (!(e instanceof DiscordAPIError || e instanceof HTTPError)) bot.platformCall('discord', event, e instanceof SendTimeoutError ? 'timeout' : 'network');
      },
    }),
  };

  const client = new Client({
    intents: [...INTENTS],
    // DM channels are not cached until used; without this partial, DMs would never arrive.
    partials: [Partials.Channel],
    // The default for every message this client sends; handlers also set it explicitly.
    allowedMentions: { parse: [], repliedUser: false },
    failIfNotExists: false,
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), timeout: options.outboundTimeoutMs ?? 10_000 },
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
  const inFlight = new InFlight();
  const onInteraction = (i: Parameters<typeof handleInteraction>[0]) => void inFlight.add(handleInteraction(i, ctx));
  const onMessage = (m: Parameters<typeof handleMessage>[0]) =>
    void inFlight.add(handleMessage(m, ctx).catch((e: unknown) => logger.error('discord: message handler failed', { error: describe(e) })));
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.MessageCreate, onMessage);
  client.on(Events.Error, (e) => logger.error('discord: client error', { error: describe(e) }));
  // Every refused REST call, for /metrics: a 429 or a 5xx discord.js will try again is a retry.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status < 400) return;
    const retried = response.status === 429 || (response.status >= 500 && request.retries < client.rest.options.retries);
    bot.platformCall('discord', retried ? 'retry' : 'error', String(response.status));
  });
  client.on(Events.Warn, (message) => logger.warn(`discord: ${message}`));
  client.on(Events.ShardError, (e, shardId) => logger.warn('discord: gateway connection error', { shardId, error: describe(e) }));
  // discord.js gives up on these close codes and never reconnects: without a word the process would
  // stay up, deaf, with /healthz saying ok. At login it fails the start; later, the bot.
  let closedForGood: ((e: Error) => void) | undefined;
  client.on(Events.ShardDisconnect, (event, shardId) => {
    const message = fatalCloseMessage(event.code);
    logger.error(`discord: ${message}`, { shardId, code: event.code });
    if (closedForGood) closedForGood(new Error(message));
    else if (options.onFatal) options.onFatal(message);
  });

  const ready = new Promise<Client<true>>((resolve, reject) => {
    closedForGood = reject;
    client.once(Events.ClientReady, (c) => {
      closedForGood = undefined;
      resolve(c);
    });
  });
  try {
    await client.login(config.token);
    const c = await ready;
    logger.info(`discord: ready as ${c.user.tag}`, { guilds: c.guilds.cache.size, shards: c.ws.shards.map((s) => s.id) });
    let stopped = false;
    return {
      client: c,
      async stop() {
        if (stopped) return { abandoned: 0 };
        stopped = true;
        // Take no new questions, let the answers in flight be sent (at most drainMs), then close.
        client.off(Events.InteractionCreate, onInteraction);
        client.off(Events.MessageCreate, onMessage);
        const abandoned = await inFlight.drain(options.drainMs ?? 10_000);
        await client.destroy();
        logger.info(`discord: stopped${abandoned ? ` (${abandoned} answers in flight abandoned)` : ''}`);
        return { abandoned };
      },
    };
  } catch (e) {
    await client.destroy().catch(() => {});
    throw e;
  }
}

/** What to tell the operator when Discord closes the gateway with a code discord.js will not reconnect after. */
export function fatalCloseMessage(code: number): string {
  switch (code) {
    case GatewayCloseCodes.AuthenticationFailed:
      return `Discord refused the token (gateway close 4004, authentication failed): put a valid bot token in DISCORD_TOKEN (Developer Portal → Bot → Reset Token) and restart.`;
    case GatewayCloseCodes.DisallowedIntents:
      return `Discord refused the gateway intents (close 4014, disallowed intents): enable the intents the bot asks for in the Developer Portal (Bot → Privileged Gateway Intents) or remove them from the code, then restart.`;
    case GatewayCloseCodes.InvalidIntents:
      return `Discord refused the gateway intents as invalid (close 4013): fix the intents in adapters/discord/index.ts and restart.`;
    case GatewayCloseCodes.InvalidShard:
    case GatewayCloseCodes.ShardingRequired:
      return `Discord refused the sharding (gateway close ${code}): set DISCORD_SHARD_COUNT or run adapters/discord/shard.ts, then restart.`;
    default:
      return `Discord closed the gateway for good (close code ${code}); the bot cannot reconnect by itself. Check DISCORD_TOKEN and the application's settings, then restart.`;
  }
}
