/**
 * Block Kit for the engine's answers. Pure functions: same input, same message. Every string that
 * reaches Slack is escaped here (corpus text with `escapeMrkdwn`, anything a user typed with
 * `neutralise`), and every message stays within Slack's limits.
 */
import type { types } from '@slack/bolt';
import type { Answer, AnswerItem, Citation, Lang, QuickFact, TopicRef } from '../../src/types.ts';
import { LIMITS, cut, escapeMrkdwn, fitEscaped, link, neutralise } from './mrkdwn.ts';
import { ACTION_IDS, encodeValue, type FeedbackValue, type ShareValue } from './values.ts';

type KnownBlock = types.KnownBlock;
type ContextBlock = types.ContextBlock;
type SectionBlock = types.SectionBlock;
type Button = types.Button;

export type ChannelKind = FeedbackValue['c'];

/** What we post: Block Kit plus the plain `text` Slack shows in notifications and old clients. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface Commands {
  ask: string;
  fact: string;
}

export const DEFAULT_COMMANDS: Commands = { ask: '/ask', fact: '/fact' };

export interface FormatOptions {
  /** Where the reply is shown; recorded with every vote. */
  channelKind: ChannelKind;
  /** Adds a "share in channel" button that posts the same reply publicly (for ephemeral replies). */
  share?: ShareValue;
  /**
   * Shows what was asked under the reply, for command replies (Slack shows the mention or DM a
   * reply answers, but not a slash command's text). Neutralised: it is user text.
   */
  echo?: string;
  commands?: Commands;
  /** Today, for "may be outdated" notes; facts older than `staleAfterDays` get an as-of date. */
  now?: Date;
  staleAfterDays?: number;
}

const DAY = 24 * 60 * 60 * 1000;
/** How many sources a citation line names before "and N more". */
const MAX_SOURCES_SHOWN = 4;
const MAX_TITLE_CHARS = 80;
const MAX_ECHO_CHARS = 300;

/** Every label: raw text, escaped where it is used (some contain `<` and `>`). */
const L = {
  ko: {
    source: () => '출처:',
    allSources: (n: number) => `출처 전체 (${n}건)`,
    related: '관련:',
    plan: (d: string) => `📅 ${d} 기준 계획이에요. 이후 바뀌었을 수 있어요.`,
    stale: (d: string) => `📅 ${d} 기준이에요. 이후 바뀌었을 수 있어요.`,
    conflict: (d: string) => `⚖️ 출처마다 내용이 달라요 (${d} 기준).`,
    dateInferred: '날짜 추정',
    moreSources: (n: number) => `외 ${n}건`,
    readMore: '전체 내용은 출처에서',
    question: '질문:',
    helpful: '👍 도움이 됐어요',
    notHelpful: '👎 아니에요',
    share: '📣 채널에 공유',
    topicsHeading: (fact: string) => `\`${fact} 주제\`로 바로 볼 수 있는 주제예요:`,
    suggestHeading: (fact: string) => `이런 주제는 \`${fact} 주제\`로 바로 볼 수 있어요:`,
    unknownTopic: (q: string, fact: string) => `‘${q}’에 맞는 주제나 사실을 찾지 못했어요. \`${fact} 주제\`로 볼 수 있는 주제예요:`,
    askHint: (ask: string) => `궁금한 건 \`${ask} 질문\`으로 묻거나 저를 멘션해 주세요.`,
    emptyTopic: '아직 이 주제로 정리된 내용이 없어요.',
    timeline: '타임라인',
    noEvents: '아직 타임라인에 올릴 사건이 없어요.',
    moreItems: (n: number, ask: string) => `…외 ${n}건은 \`${ask} 질문\`으로 물어봐 주세요.`,
    thanks: { up: '의견 고마워요! 👍 기록했어요.', down: '의견 고마워요. 👎 기록했고 자료를 보완할게요.' },
    sorry: '죄송해요, 답을 보내지 못했어요. 잠시 후 다시 물어봐 주세요.',
  },
  en: {
    source: (n: number) => (n > 1 ? 'Sources:' : 'Source:'),
    allSources: (n: number) => `All sources (${n})`,
    related: 'Related:',
    plan: (d: string) => `📅 A plan as of ${d}; it may have changed since.`,
    stale: (d: string) => `📅 As of ${d}; this may have changed since.`,
    conflict: (d: string) => `⚖️ Sources disagree (as of ${d}).`,
    dateInferred: 'date inferred',
    moreSources: (n: number) => `and ${n} more`,
    readMore: 'read the rest at the source',
    question: 'Question:',
    helpful: '👍 Helpful',
    notHelpful: '👎 Not helpful',
    share: '📣 Share in channel',
    topicsHeading: (fact: string) => `Topics you can look up with \`${fact} <topic>\`:`,
    suggestHeading: (fact: string) => `You can look these up with \`${fact} <topic>\`:`,
    unknownTopic: (q: string, fact: string) => `I found no topic or fact for ‘${q}’. Topics you can look up with \`${fact} <topic>\`:`,
    askHint: (ask: string) => `Ask anything with \`${ask} <question>\` or by mentioning me.`,
    emptyTopic: 'Nothing is written up for this topic yet.',
    timeline: 'Timeline',
    noEvents: 'No events on the timeline yet.',
    moreItems: (n: number, ask: string) => `…and ${n} more: ask with \`${ask} <question>\`.`,
    thanks: { up: 'Thanks for the feedback! 👍 noted.', down: 'Thanks for the feedback. 👎 noted; we will improve the sources.' },
    sorry: 'Sorry, I could not send an answer to that. Please ask again in a moment.',
  },
} satisfies Record<Lang, unknown>;

/* ------------------------------------------------------------------------------------------------ */
/* Replies                                                                                          */
/* ------------------------------------------------------------------------------------------------ */

/**
 * The reply to a question: the answer with its citation and related facts, or a kind "not found".
 * A follow-up asking for the sources gets the last answer with every source in full; one asking for
 * the other language is the answer itself, in that language.
 */
export function formatAnswer(answer: Answer, opts: FormatOptions): SlackMessage {
  const [main, ...related] = answer.answers;
  if (!answer.answered || !main) return formatNotFound(answer, opts);
  if (answer.followUp?.kind === 'sources') return formatSources(main, answer, opts);
  const lang = answer.lang;
  const blocks: KnownBlock[] = [section(fitItemText(main.text, main, lang)), citation(main, lang, opts)];
  const text = [plainItem(main, lang, opts)];
  // Asked how something turned out, but only the plan is known: say so before the plan.
  if (answer.notice) {
    blocks.unshift(section(`:warning: ${fitEscaped(answer.notice.text, LIMITS.sectionText - 10, escapeMrkdwn)}`));
    text.unshift(answer.notice.text);
  }
  for (const r of related) {
    const label = `*${L[lang].related}* `;
    blocks.push(section(label + fitItemText(r.text, r, lang, label.length)), citation(r, lang, opts));
    text.push(`${L[lang].related} ${plainItem(r, lang, opts)}`);
  }
  return finish(blocks, text, lang, opts, feedbackValue(main.factId, lang, opts, answer.question));
}

/** "출처 더" / "sources": the fact, then every source that states it, one a line, title in full. */
function formatSources(item: AnswerItem, answer: Answer, opts: FormatOptions): SlackMessage {
  const lang = answer.lang;
  const heading = `*${escapeMrkdwn(L[lang].allSources(item.sources.length))}*`;
  const lines = item.sources.map((s) => `• ${citeOne(s, lang, Infinity)}`);
  // Room for the fact, the as-of note, the buttons and the overflow note.
  const list = chunkLines([heading, ...lines], LIMITS.sectionText, LIMITS.blocks - 4);
  const blocks: KnownBlock[] = [section(fitItemText(item.text, item, lang)), ...list.chunks.map(section)];
  if (list.left > 0) blocks.push(context([escapeMrkdwn(L[lang].moreSources(list.left))]));
  const note = asOfNote(item, lang, opts);
  if (note) blocks.push(context([escapeMrkdwn(note)]));
  const text = [item.text, [L[lang].allSources(item.sources.length), ...item.sources.map((s) => `• ${s.title} (${plainCite(s, lang)})`)].join('\n')];
  return finish(blocks, text, lang, opts, feedbackValue(item.factId, lang, opts, answer.question));
}

/** "Not found": the engine's hint, the topics it suggests, and how to look them up. */
export function formatNotFound(answer: Answer, opts: FormatOptions): SlackMessage {
  const lang = answer.lang;
  const cmds = opts.commands ?? DEFAULT_COMMANDS;
  const hint = answer.notFound?.hint ?? '';
  const blocks: KnownBlock[] = [];
  const text: string[] = [];
  if (hint) {
    blocks.push(section(fitEscaped(hint, LIMITS.sectionText, escapeMrkdwn)));
    text.push(hint);
  }
  const suggested = answer.notFound?.suggestedTopics ?? [];
  if (suggested.length > 0) {
    const heading = escapeMrkdwn(L[lang].suggestHeading(cmds.fact));
    blocks.push(...topicSections(heading, suggested, cmds.fact));
    text.push(plainTopics(suggested, cmds.fact));
  }
  return finish(blocks, text, lang, opts, undefined);
}

/** `/fact <query>`: one fact, a topic's facts, the timeline; the topic list when nothing matches. */
export function formatQuickFact(qf: QuickFact, opts: FormatOptions): SlackMessage {
  const lang = qf.lang;
  const cmds = opts.commands ?? DEFAULT_COMMANDS;
  const query = opts.share?.q ?? opts.echo ?? '';
  if (qf.type === 'fact') {
    const it = qf.item;
    const blocks: KnownBlock[] = [section(fitItemText(it.text, it, lang)), citation(it, lang, opts)];
    return finish(blocks, [plainItem(it, lang, opts)], lang, opts, feedbackValue(it.factId, lang, opts, query));
  }
  if (qf.type === 'topic') {
    const blocks: KnownBlock[] = [header(qf.topic.title)];
    const text = [qf.topic.title];
    // Each fact takes two blocks; keep room for the header, the echo, the buttons and an overflow note.
    const room = Math.floor((LIMITS.blocks - 4) / 2);
    const shown = qf.items.slice(0, room);
    for (const it of shown) {
      blocks.push(section(fitItemText(it.text, it, lang)), citation(it, lang, opts));
      text.push(`• ${plainItem(it, lang, opts)}`);
    }
    if (qf.items.length === 0) {
      blocks.push(section(escapeMrkdwn(L[lang].emptyTopic)));
      text.push(L[lang].emptyTopic);
    }
    if (qf.items.length > shown.length) {
      const more = L[lang].moreItems(qf.items.length - shown.length, cmds.ask);
      blocks.push(context([escapeMrkdwn(more)]));
      text.push(more);
    }
    return finish(blocks, text, lang, opts, feedbackValue(`topic:${qf.topic.id}`, lang, opts, query));
  }
  const title = L[lang].timeline;
  const lines = qf.events.map(
    (e) => `• *${e.date}* ${escapeMrkdwn(e.text)} — ${link(e.source.url, e.source.publisher)}`,
  );
  const blocks: KnownBlock[] = [header(title)];
  // Sections of whole lines; room for the header, the echo, the buttons and an overflow note.
  const chunks = chunkLines(lines, LIMITS.sectionText, LIMITS.blocks - 4);
  for (const c of chunks.chunks) blocks.push(section(c));
  if (qf.events.length === 0) blocks.push(section(escapeMrkdwn(L[lang].noEvents)));
  if (chunks.left > 0) blocks.push(context([escapeMrkdwn(L[lang].moreItems(chunks.left, cmds.ask))]));
  const text = [title, qf.events.map((e) => `• ${e.date} ${e.text} (${e.source.publisher})`).join('\n')];
  if (qf.events.length === 0) text.push(L[lang].noEvents);
  return finish(blocks, text, lang, opts, feedbackValue('topic:timeline', lang, opts, query));
}

/**
 * `/fact` with no topic (or one that matches nothing, `unknown` being what was typed): every topic
 * with the command that shows it.
 */
export function formatTopicList(topics: TopicRef[], lang: Lang, opts: FormatOptions & { unknown?: string }): SlackMessage {
  const cmds = opts.commands ?? DEFAULT_COMMANDS;
  // `unknown` is what a user typed: neutralised, not just escaped.
  const first =
    opts.unknown !== undefined ? L[lang].unknownTopic(cut(opts.unknown, MAX_ECHO_CHARS), cmds.fact) : L[lang].topicsHeading(cmds.fact);
  const heading = opts.unknown !== undefined ? neutralise(first) : escapeMrkdwn(first);
  const blocks: KnownBlock[] = [...topicSections(heading, topics, cmds.fact), context([escapeMrkdwn(L[lang].askHint(cmds.ask))])];
  const text = [first, plainTopics(topics, cmds.fact)];
  return finish(blocks, text, lang, { ...opts, echo: undefined }, undefined);
}

/** The short reply when an answer could not be made or was refused by Slack: plain text, nothing that can fail again. */
export function formatApology(lang: Lang): SlackMessage {
  const text = L[lang].sorry;
  return { text, blocks: [section(escapeMrkdwn(text))] };
}

/** The ephemeral note a voter sees. */
export function feedbackThanks(lang: Lang, vote: 'up' | 'down'): string {
  return L[lang].thanks[vote];
}

/* ------------------------------------------------------------------------------------------------ */
/* Pieces                                                                                           */
/* ------------------------------------------------------------------------------------------------ */

/** Slack rejects empty texts; a blank one (never in a valid corpus) shows as a dash. */
const nonBlank = (text: string) => (text.trim() === '' ? '—' : text);

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: nonBlank(text) } };
}

/** A header: plain text, where no markup is wanted, so `<` and `>` become look-alikes that form none. */
function header(text: string): types.HeaderBlock {
  const safe = text.replace(/\s+/g, ' ').replace(/</g, '‹').replace(/>/g, '›');
  return { type: 'header', text: { type: 'plain_text', text: nonBlank(cut(safe, LIMITS.headerText)), emoji: true } };
}

/** A context block of mrkdwn texts, already escaped; `verbatim` so Slack links nothing by itself. */
function context(texts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts.slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn', text: nonBlank(t), verbatim: true })),
  };
}

/** The fact's text, escaped and cut to a section's limit with a link to the rest at the source. */
function fitItemText(raw: string, item: AnswerItem, lang: Lang, reserved = 0): string {
  const url = item.sources.find((s) => s.url)?.url;
  const suffix = url ? `… (${link(url, L[lang].readMore)})` : '…';
  return fitEscaped(raw, LIMITS.sectionText - reserved, escapeMrkdwn, suffix);
}

/** The citation line (publisher, date, link to each source) and, when due, an as-of note. */
function citation(item: AnswerItem, lang: Lang, opts: FormatOptions): ContextBlock {
  const note = asOfNote(item, lang, opts);
  return context(note ? [sourcesLine(item.sources, lang), escapeMrkdwn(note)] : [sourcesLine(item.sources, lang)]);
}

/**
 * `출처: <url|Title> (Publisher, 2025-11-23) · <url|Publisher 2> · <url|Publisher 3> 외 2건`: the
 * primary source in full, a few more by publisher, the rest counted.
 */
function sourcesLine(sources: Citation[], lang: Lang): string {
  const [primary, ...others] = sources;
  if (!primary) return '';
  for (let shown = Math.min(MAX_SOURCES_SHOWN - 1, others.length); shown >= 0; shown--) {
    const parts = [citeOne(primary, lang), ...others.slice(0, shown).map((s) => link(s.url, s.publisher))];
    const more = others.length > shown ? ` ${L[lang].moreSources(others.length - shown)}` : '';
    const line = `${L[lang].source(sources.length)} ${parts.join(' · ')}${more}`;
    if (line.length <= LIMITS.sectionText) return line;
  }
  // Only an absurdly long address gets here: name the source without its link.
  return fitEscaped(`${L[lang].source(1)} ${plainCite(primary, lang)}`, LIMITS.sectionText, escapeMrkdwn);
}

/** `<url|Title> (Publisher, 2025-11-23)`; without an address, the title as text. */
function citeOne(s: Citation, lang: Lang, maxTitle = MAX_TITLE_CHARS): string {
  const date = s.dateNote ? `${s.date}, ${L[lang].dateInferred}` : s.date;
  return `${link(s.url, cut(s.title, maxTitle))} (${escapeMrkdwn(s.publisher)}, ${date})`;
}

function plainCite(s: Citation, lang: Lang): string {
  const date = s.dateNote ? `${s.date}, ${L[lang].dateInferred}` : s.date;
  return `${s.publisher}, ${date}${s.url ? `, ${s.url}` : ''}`;
}

function asOfNote(item: AnswerItem, lang: Lang, opts: FormatOptions): string | undefined {
  if (item.kind === 'plan') return L[lang].plan(item.asOf);
  if (item.kind === 'conflict') return L[lang].conflict(item.asOf);
  const now = opts.now ?? new Date();
  const asOf = Date.parse(`${item.asOf}T00:00:00Z`);
  const staleAfter = (opts.staleAfterDays ?? 180) * DAY;
  if (Number.isFinite(asOf) && now.getTime() - asOf > staleAfter) return L[lang].stale(item.asOf);
  return undefined;
}

/** An item in the plain-text fallback: text, primary source, as-of note. */
function plainItem(item: AnswerItem, lang: Lang, opts: FormatOptions): string {
  const first = item.sources[0];
  const note = asOfNote(item, lang, opts);
  return [item.text, first && `${L[lang].source(1)} ${plainCite(first, lang)}`, note].filter(Boolean).join('\n');
}

/** Sections listing topics with the command that shows each, in whole lines. */
function topicSections(heading: string, topics: TopicRef[], factCommand: string): SectionBlock[] {
  const cmd = escapeMrkdwn(factCommand);
  const lines = [heading, ...topics.map((t) => `• ${escapeMrkdwn(cut(t.title, 200))} — \`${cmd} ${escapeMrkdwn(t.id)}\``)];
  return chunkLines(lines, LIMITS.sectionText, LIMITS.blocks - 4).chunks.map(section);
}

function plainTopics(topics: TopicRef[], factCommand: string): string {
  return topics.map((t) => `• ${t.title} — ${factCommand} ${t.id}`).join('\n');
}

/**
 * Packs whole lines into at most `maxChunks` texts of at most `limit` characters (a line longer than
 * `limit` is cut); `left` counts the lines that did not fit.
 */
function chunkLines(lines: string[], limit: number, maxChunks: number): { chunks: string[]; left: number } {
  const chunks: string[] = [];
  let current = '';
  let inCurrent = 0;
  let placed = 0;
  for (const raw of lines) {
    const line = raw.length > limit ? cutMrkdwnLine(raw, limit) : raw;
    if (current && current.length + 1 + line.length > limit) {
      if (chunks.length + 1 >= maxChunks) break; // `current` is the last chunk there is room for
      chunks.push(current);
      placed += inCurrent;
      current = '';
      inCurrent = 0;
    }
    current = current ? `${current}\n${line}` : line;
    inCurrent++;
  }
  if (current) {
    chunks.push(current);
    placed += inCurrent;
  }
  return { chunks, left: lines.length - placed };
}

/** Cuts an escaped mrkdwn line without splitting an entity or a link: drops whole tokens. */
function cutMrkdwnLine(line: string, limit: number): string {
  const tokens = line.match(/<[^<>]*>|&[a-z]+;|[\s\S]/g) ?? [];
  let out = '';
  for (const t of tokens) {
    if (out.length + t.length > limit - 1) break;
    out += t;
  }
  return `${out}…`;
}

function feedbackValue(factId: string, lang: Lang, opts: FormatOptions, question: string): FeedbackValue {
  return { f: factId, l: lang, c: opts.channelKind, q: question };
}

function button(text: string, actionId: string, value: string, style?: 'primary'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: cut(text, LIMITS.buttonText), emoji: true },
    value,
    ...(style ? { style } : {}),
  };
}

/**
 * Adds the question echo and the buttons, keeps the message within the block limit (the echo and
 * buttons always stay) and builds the fallback text.
 */
function finish(
  blocks: KnownBlock[],
  text: string[],
  lang: Lang,
  opts: FormatOptions,
  feedback: FeedbackValue | undefined,
): SlackMessage {
  const tail: KnownBlock[] = [];
  if (opts.echo !== undefined && opts.echo.trim() !== '') {
    tail.push(context([`❓ ${L[lang].question} ${fitEscaped(opts.echo, MAX_ECHO_CHARS, neutralise)}`]));
  }
  const buttons: Button[] = [];
  if (feedback) {
    buttons.push(
      button(L[lang].helpful, ACTION_IDS.up, encodeValue(feedback)),
      button(L[lang].notHelpful, ACTION_IDS.down, encodeValue(feedback)),
    );
  }
  if (opts.share) buttons.push(button(L[lang].share, ACTION_IDS.share, encodeValue(opts.share), 'primary'));
  if (buttons.length > 0) tail.push({ type: 'actions', elements: buttons });
  const body = blocks.slice(0, LIMITS.blocks - tail.length);
  const plain = [...text];
  if (opts.echo !== undefined && opts.echo.trim() !== '') plain.push(`${L[lang].question} ${cut(opts.echo, MAX_ECHO_CHARS)}`);
  return {
    text: nonBlank(fitEscaped(plain.filter((t) => t.trim() !== '').join('\n\n'), LIMITS.messageText, neutralise)),
    blocks: [...body, ...tail],
  };
}
