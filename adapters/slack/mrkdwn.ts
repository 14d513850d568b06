/**
 * Slack text in and out: turning an incoming message into a plain question, and escaping anything we
 * post so that it renders as written and never pings anyone. Pure functions.
 */

/** Slack's limits on what we post (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  /** section `text` and context element text. */
  sectionText: 3000,
  blocks: 50,
  /** Top-level `text`; Slack truncates longer messages. */
  messageText: 40_000,
  /** header block `text` (plain_text). */
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  /** Elements in one context block. */
  contextElements: 10,
} as const;

const ZWSP = '\u200B';

/** Escapes the three characters mrkdwn treats as markup: & < > (Slack's own rule). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes text that came from a user (or could have): mrkdwn markup is escaped, so no `<!channel>`,
 * `<!here>`, `<!everyone>`, `<@U…>` or `<!subteam^…>` can form, and bare `@channel`, `@here`,
 * `@everyone` get a zero-width space so they stay inert even where Slack would link names.
 */
export function neutralise(text: string): string {
  return escapeMrkdwn(text).replace(/@(channel|here|everyone)\b/gi, `@${ZWSP}$1`);
}

/**
 * Turns the `text` of an incoming message into the plain question a person typed: mentions (of the
 * bot, of people, `@channel`/`@here`/`@everyone`, user groups) removed, since they are not part of
 * the question and only dilute it; channels and links reduced to their readable names; HTML entities
 * decoded; whitespace collapsed.
 */
export function slackToPlain(text: string): string {
  const plain = String(text ?? '').replace(/<([^<>]*)>/g, (_m, inner: string) => {
    const [target = '', label] = splitLink(inner);
    if (target.startsWith('@')) return ' ';
    if (target.startsWith('#')) return label ? ` #${label} ` : ' ';
    if (target.startsWith('!')) {
      // <!channel>, <!here>, <!everyone>, <!subteam^…>: mentions. <!date^…|fallback>: its text.
      const special = target.slice(1);
      if (/^(channel|here|everyone|subteam\^)/.test(special)) return ' ';
      return label ? ` ${label} ` : ' ';
    }
    return label ? ` ${label} ` : ` ${target} `;
  });
  // Slack sends a typed "<" as &lt;, so a raw one left over is a cut-off mention: drop it.
  return decodeEntities(plain.replace(/<[@!#]?/g, ' '))
    .replace(/(^|\s)@(channel|here|everyone)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when Slack text mentions a user, a group or everyone (`<@U…>`, `<!here>`, `<!subteam^S…>`): it is addressed to someone. */
export function mentionsAnyone(text: string): boolean {
  return /<@[^<>]*>|<!(?:channel|here|everyone|subteam\^)[^<>]*>/.test(String(text ?? ''));
}

function splitLink(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A link in mrkdwn, `<url|label>`, for http(s) addresses only; anything else is shown as text. The
 * label is escaped; characters that would end the link early are percent-encoded in the address.
 */
export function link(url: string | undefined, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return safeLabel;
  const safeUrl = url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safeUrl}|${safeLabel}>`;
}

/**
 * Escapes `raw` with `escape` and, when the result is longer than `limit`, cuts the raw text (so
 * never inside an entity or a surrogate pair) to the longest start whose escaped form plus `suffix`
 * fits.
 */
export function fitEscaped(raw: string, limit: number, escape: (s: string) => string, suffix = '…'): string {
  const full = escape(raw);
  if (full.length <= limit) return full;
  const chars = Array.from(raw);
  const fits = (n: number) => escape(chars.slice(0, n).join('')).replace(/\s+$/, '').length + suffix.length <= limit;
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return escape(chars.slice(0, lo).join('')).replace(/\s+$/, '') + suffix;
}

/** Cuts plain text (no entities, no links) to `limit` characters, never inside a surrogate pair. */
export function cut(text: string, limit: number, suffix = '…'): string {
  if (text.length <= limit) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > limit - suffix.length) break;
    out += ch;
  }
  return out.replace(/\s+$/, '') + suffix;
}
