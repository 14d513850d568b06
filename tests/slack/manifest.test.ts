/** The app manifest agrees with the code: scopes, events, commands, URLs. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENTS_PATH } from '../../adapters/slack/index.ts';
import { DEFAULT_COMMANDS } from '../../adapters/slack/format.ts';

const manifest = parse(fs.readFileSync(new URL('../../adapters/slack/manifest.yml', import.meta.url), 'utf8'));

describe('adapters/slack/manifest.yml', () => {
  it('asks for the least scopes the bot needs', () => {
    // channels:history and groups:history: the asker's follow-ups in a thread, without a mention.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history']);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('subscribes to mentions, DMs and channel messages (for thread follow-ups), with interactivity on', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im', 'message.channels', 'message.groups']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('declares both slash commands with the default names, all requests going to /slack/events', () => {
    const commands = manifest.features.slash_commands as Array<{ command: string; url: string; description: string; should_escape: boolean }>;
    expect(commands.map((c) => c.command)).toEqual([DEFAULT_COMMANDS.ask, DEFAULT_COMMANDS.fact]);
    const urls = [...commands.map((c) => c.url), manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
    for (const url of urls) expect(new URL(url).pathname).toBe(EVENTS_PATH);
    for (const c of commands) {
      expect(c.should_escape).toBe(false);
      expect(c.description.length).toBeLessThanOrEqual(100);
    }
  });
});
