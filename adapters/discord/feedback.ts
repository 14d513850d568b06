/**
 * 👍/👎 buttons under answers. A button's custom id carries the vote, a short random key and the fact
 * id (`fb:u:k3x9q2m1:lunit-consortium-companies`, ≤ 100 characters); the key finds the question in a
 * bounded in-memory map. After a restart or eviction the question is read back from the answer's
 * embed title, so old buttons keep working.
 */
import { randomBytes } from 'node:crypto';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { Origin } from '../../runtime/record.ts';
import type { Lang } from '../../src/types.ts';
import type { BotContext } from './context.ts';
import { labels, parseFeedbackId, renderNotice, unmd } from './format.ts';
import { langOfLocale, safeReply } from './respond.ts';

export interface AskedQuestion {
  question: string;
  factId: string;
  lang: Lang;
  channelKind: Origin['channelKind'];
}

/** Questions by key, oldest dropped first; and which votes were already recorded. */
export class FeedbackStore {
  private readonly asked = new Map<string, AskedQuestion>();
  private readonly votes = new Map<string, 'up' | 'down'>();

  constructor(private readonly max = 5000) {}

  /** Remembers a question; returns the key to put in the buttons' custom ids. */
  put(entry: AskedQuestion): string {
    let key: string;
    do key = randomKey();
    while (this.asked.has(key));
    this.asked.set(key, entry);
    trim(this.asked, this.max);
    return key;
  }

  get(key: string): AskedQuestion | undefined {
    return this.asked.get(key);
  }

  /** Records that `voter` voted `vote` on `message`; false when that exact vote was already counted. */
  vote(message: string, voter: string, vote: 'up' | 'down'): boolean {
    const id = `${message}:${voter}`;
    if (this.votes.get(id) === vote) return false;
    this.votes.delete(id);
    this.votes.set(id, vote);
    trim(this.votes, this.max * 4);
    return true;
  }

  get size(): number {
    return this.asked.size;
  }
}

function trim(map: Map<string, unknown>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

/** 8 characters of [a-z0-9] (41 bits): keys from before a restart never collide with new ones. */
function randomKey(): string {
  const n = randomBytes(6).readUIntBE(0, 6);
  return n.toString(36).padStart(8, '0').slice(-8);
}

/** True when this button is ours. */
export function isFeedbackButton(customId: string): boolean {
  return parseFeedbackId(customId) !== undefined;
}

/** Records the vote and thanks the voter privately (ephemeral); the answer itself is left as it is. */
export async function handleFeedback(i: ButtonInteraction, ctx: BotContext): Promise<void> {
  const parsed = parseFeedbackId(i.customId);
  if (!parsed) return;
  const asked = ctx.feedback.get(parsed.key);
  const lang = asked?.lang ?? langOfLocale(i.locale);
  const L = labels(lang);
  const factId = parsed.factId ?? asked?.factId;
  if (!factId) {
    await safeReply(i, { ...renderNotice(L.expired), flags: MessageFlags.Ephemeral }, ctx.logger);
    return;
  }
  const fresh = ctx.feedback.vote(i.message.id, i.user.id, parsed.vote);
  if (fresh) {
    const title = i.message.embeds[0]?.title;
    try {
      ctx.bot.feedback({
        platform: 'discord',
        channelKind: asked?.channelKind ?? (i.inGuild() ? 'channel' : 'dm'),
        channelId: i.channelId,
        userId: i.user.id,
        question: asked?.question ?? (title ? unmd(title) : ''),
        factId,
        vote: parsed.vote,
      });
    } catch (e) {
      ctx.logger.error('discord: recording feedback failed', { error: String(e) });
    }
  }
  await safeReply(i, { ...renderNotice(fresh ? L.thanks[parsed.vote] : L.already), flags: MessageFlags.Ephemeral }, ctx.logger);
}
