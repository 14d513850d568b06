/**
 * User ids never stored or logged raw: each is replaced by its keyed hash, the same one the
 * question log keeps in user_hash (so a curator can still see that two questions name one person,
 * but not who). Both platforms' shapes: Slack ids (U… or W… with a digit) and mentions, Discord
 * mentions (<@id>, <@!id>, <@&role>) and, in stored text, bare 17–20 digit snowflakes.
 */
import { createHmac } from 'node:crypto';

export type Platform = 'slack' | 'discord' | 'cli';

/** HMAC-SHA256(hashKey, `${platform}:${userId}`), hex, first 16 characters; null without an id. */
export function userHash(hashKey: string, platform: string, userId: string | undefined): string | null {
  if (userId === undefined || userId === null || userId === '') return null;
  return createHmac('sha256', hashKey).update(`${platform}:${userId}`).digest('hex').slice(0, 16);
}

const SLACK_ID = '[UW](?=[A-Z0-9]*\\d)[A-Z0-9]{6,14}';
const SNOWFLAKE = '\\d{17,20}';
const MENTIONS = [
  `<@(${SLACK_ID})(?:\\|[^>]*)?>`, // Slack mention, maybe with a label
  `<@[!&]?(${SNOWFLAKE})>`, // Discord user, nickname or role mention
  `\\b(${SLACK_ID})\\b`, // a Slack id typed or logged bare
].join('|');
const WITH_SNOWFLAKES = new RegExp(`${MENTIONS}|\\b(${SNOWFLAKE})\\b`, 'g');
const WITHOUT_SNOWFLAKES = new RegExp(MENTIONS, 'g');

/**
 * `text` with every user id replaced by `@user:<hash>`. `bareSnowflakes`: also any bare 17–20 digit
 * number (Discord ids; no figure in a question is that long). Logs leave those alone, since channel
 * and message ids have the same shape and no user id is logged bare.
 */
export function redactUserIds(text: string, hashKey: string, { bareSnowflakes = true }: { bareSnowflakes?: boolean } = {}): string {
  return text.replace(bareSnowflakes ? WITH_SNOWFLAKES : WITHOUT_SNOWFLAKES, (_m, slackMention?: string, discordMention?: string, slackBare?: string, snowflake?: string) => {
    const [platform, id] = slackMention || slackBare ? ['slack', (slackMention ?? slackBare)!] : ['discord', (discordMention ?? snowflake)!];
    return `@user:${userHash(hashKey, platform, id)}`;
  });
}
