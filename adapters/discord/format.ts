/**
 * Discord rendering of engine results: pure functions from Answer / QuickFact to message bodies
 * (embeds, buttons, allowed mentions). No I/O and no client; every limit Discord enforces is applied
 * here, so a body from this module is always accepted.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { Answer, AnswerItem, Citation, Lang, QuickFact, TopicRef } from '../../src/types.ts';

/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** All titles, descriptions, field names and values, footers and author names in one message. */
  embedTotal: 6000,
  embeds: 10,
  customId: 100,
  buttonLabel: 80,
  choiceName: 100,
  choices: 25,
} as const;

/** Nobody is ever pinged: not @everyone/@here, roles, users, nor the author of the replied message. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], repliedUser: false });

export interface MessageBody {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowedMentions: typeof NO_MENTIONS;
}

export const COLORS = { answer: 0x3b82f6, plan: 0xf59e0b, conflict: 0xe11d48, notFound: 0x9ca3af, topic: 0x10b981 } as const;

const LABELS = {
  ko: {
    source: '출처',
    allSources: (n: number) => `출처 전체 (${n}건)`,
    dateInferred: '(날짜 추정)',
    related: '관련 사실',
    asOf: '기준',
    planNote: (d: string) => `${d} 기준 계획·일정이에요. 이후 바뀌었을 수 있어요.`,
    planShort: (d: string) => `${d} 기준 계획`,
    conflict: '참고',
    conflictNote: '출처마다 내용이 달라 각 출처의 설명을 함께 적었어요.',
    footer: '공개 자료로 정리한 사실',
    more: (n: number) => `…외 ${n}건`,
    moreSources: (n: number) => `외 출처 ${n}건`,
    up: '도움이 됐어요',
    down: '아쉬워요',
    empty: '무엇이 궁금하신가요? 질문을 함께 보내 주세요.',
    outOfScope: '죄송해요, 그 질문에 답할 수 있는 자료를 찾지 못했어요.',
    suggestions: '이런 주제는 답할 수 있어요',
    noTopic: (q: string) => `‘${q}’에 맞는 주제를 찾지 못했어요. 아래 주제 중에서 골라 보세요.`,
    timeline: '타임라인',
    noEvents: '아직 타임라인에 올릴 일정이 없어요.',
    noFacts: '이 주제에는 아직 정리된 사실이 없어요.',
    error: '답변을 만드는 중에 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
    thanks: { up: '피드백 고마워요! 👍 기록했어요.', down: '알려 주셔서 고마워요. 👎 기록했어요. 자료를 보완할게요.' },
    already: '이미 반영된 의견이에요. 고마워요!',
    expired: '이 버튼은 더 이상 쓸 수 없어요. 질문을 다시 해 주세요.',
  },
  en: {
    source: 'Source',
    allSources: (n: number) => `All sources (${n})`,
    dateInferred: '(date inferred)',
    related: 'Related facts',
    asOf: 'As of',
    planNote: (d: string) => `A plan or schedule as of ${d}; it may have changed since.`,
    planShort: (d: string) => `plan as of ${d}`,
    conflict: 'Note',
    conflictNote: 'Sources disagree, so each version is given with its source.',
    footer: 'Curated from public sources',
    more: (n: number) => `…and ${n} more`,
    moreSources: (n: number) => `${n} more source${n === 1 ? '' : 's'}`,
    up: 'Helpful',
    down: 'Not helpful',
    empty: 'What would you like to know? Send your question along with the mention.',
    outOfScope: "Sorry, I couldn't find anything in my sources that answers that.",
    suggestions: 'Topics I can answer',
    noTopic: (q: string) => `No topic matches “${q}”. Try one of these.`,
    timeline: 'Timeline',
    noEvents: 'No dated events yet.',
    noFacts: 'No facts on this topic yet.',
    error: 'Something went wrong while answering. Please try again shortly.',
    thanks: { up: 'Thanks for the feedback! 👍 Recorded.', down: 'Thanks for telling us. 👎 Recorded; we will improve the sources.' },
    already: 'Your vote is already recorded. Thank you!',
    expired: 'This button no longer works. Please ask again.',
  },
} as const;

export function labels(lang: Lang) {
  return LABELS[lang];
}

// --- answers ----------------------------------------------------------------------------------------

export interface RenderOptions {
  /** Adds 👍/👎 buttons whose custom ids carry this key and the fact id. */
  feedbackKey?: string;
}

/**
 * `/ask`, a mention, a reply or a DM: the best fact, its sources, related facts; or a kind "not
 * found". A follow-up asking for the sources gets the fact with every source in full; one asking for
 * the other language is the answer alone, without "in English" as its title.
 */
export function renderAnswer(answer: Answer, opts: RenderOptions = {}): MessageBody {
  const [best, ...related] = answer.answers;
  if (!answer.answered || !best) {
    return renderNotFound(answer.lang, answer.question, answer.notFound?.reason ?? 'out-of-scope', answer.notFound?.hint, answer.notFound?.suggestedTopics ?? []);
  }
  const rows = opts.feedbackKey ? [feedbackRow(opts.feedbackKey, best.factId, answer.lang)] : [];
  if (answer.followUp?.kind === 'sources') return renderSources(best, answer.lang, rows);
  const L = LABELS[answer.lang];
  const titled = answer.question.trim() && answer.followUp?.kind !== 'language';
  const embed: APIEmbed = {
    ...factEmbed(best, answer.lang),
    ...(titled ? { title: inline(answer.question, LIMITS.embedTitle) } : {}),
  };
  // Asked how something turned out, but only the plan is known: say so before the plan.
  if (answer.notice) embed.description = `⚠️ ${md(answer.notice.text)}\n\n${embed.description ?? ''}`;
  if (related.length > 0) {
    embed.fields!.push({ name: L.related, value: joinWithin(related.map((r) => `• ${truncate(md(r.text), 400)}${r.kind === 'plan' ? ` *(${L.planShort(r.asOf)})*` : ''}${shortCite(r, answer.lang)}`), LIMITS.fieldValue, L.more) });
  }
  return body([fitEmbed(embed)], rows);
}

/** "출처 더" / "sources": the fact, then every source that states it, one a line, titles in full. */
function renderSources(item: AnswerItem, lang: Lang, rows: MessageBody['components']): MessageBody {
  // Titles up to 300 characters (longer than any in the corpus) keep a line with its address within a field.
  const lines = [truncate(md(item.text), LIMITS.fieldValue), '', ...item.sources.map((s) => `• ${sourceLine(s, lang, 300)}`)];
  const embed = listEmbed(LABELS[lang].allSources(item.sources.length), lines, lang, item.kind === 'plan' ? COLORS.plan : item.kind === 'conflict' ? COLORS.conflict : COLORS.answer);
  return body([{ ...embed, footer: { text: truncate(`${LABELS[lang].footer} · ${item.factId}`, LIMITS.footer) } }], rows);
}

/** `/fact`: one fact, a topic's facts or the timeline. */
export function renderQuickFact(fact: QuickFact, opts: RenderOptions = {}): MessageBody {
  const L = LABELS[fact.lang];
  switch (fact.type) {
    case 'fact': {
      const rows = opts.feedbackKey ? [feedbackRow(opts.feedbackKey, fact.item.factId, fact.lang)] : [];
      return body([fitEmbed(factEmbed(fact.item, fact.lang))], rows);
    }
    case 'topic': {
      const lines = fact.items.map((i) => `• ${truncate(md(i.text), 700)}${i.kind === 'plan' ? ` *(${L.planShort(i.asOf)})*` : ''}${shortCite(i, fact.lang)}`);
      return body([listEmbed(inline(fact.topic.title, LIMITS.embedTitle), lines.length ? lines : [L.noFacts], fact.lang, COLORS.topic)], []);
    }
    case 'timeline': {
      const lines = fact.events.map((e) => `**${e.date}** ${truncate(md(e.text), 700)} — ${citeLink(e.source, `${e.source.publisher}`)}`);
      return body([listEmbed(L.timeline, lines.length ? lines : [L.noEvents], fact.lang, COLORS.topic)], []);
    }
  }
}

/** Said kindly: the engine's hint (why, and what can be asked) and topics that can be answered. */
export function renderNotFound(lang: Lang, question: string, reason: NonNullable<Answer['notFound']>['reason'], hint: string | undefined, topics: readonly TopicRef[]): MessageBody {
  const L = LABELS[lang];
  // The engine's hint already says why and what can be asked; our own words only stand in for it.
  const description = hint?.trim() ? md(hint) : reason === 'empty' ? L.empty : L.outOfScope;
  const embed: APIEmbed = {
    color: COLORS.notFound,
    ...(question.trim() ? { title: inline(question, LIMITS.embedTitle) } : {}),
    description,
    fields: topics.length ? [{ name: L.suggestions, value: topicList(topics) }] : [],
  };
  return body([fitEmbed(embed)], []);
}

/** `/fact` with something that is no topic. */
export function renderTopicNotFound(lang: Lang, query: string, topics: readonly TopicRef[]): MessageBody {
  const L = LABELS[lang];
  const embed: APIEmbed = {
    color: COLORS.notFound,
    description: L.noTopic(inline(query, 200)),
    fields: topics.length ? [{ name: L.suggestions, value: topicList(topics) }] : [],
  };
  return body([fitEmbed(embed)], []);
}

/** A short plain message (errors, thanks), always without pings. */
export function renderNotice(text: string): MessageBody {
  return { content: truncate(text, LIMITS.content), embeds: [], components: [], allowedMentions: NO_MENTIONS };
}

function body(embeds: APIEmbed[], components: MessageBody['components']): MessageBody {
  return { embeds: fitMessage(embeds), components, allowedMentions: NO_MENTIONS };
}

function factEmbed(item: AnswerItem, lang: Lang): APIEmbed & { fields: APIEmbedField[] } {
  const L = LABELS[lang];
  const fields: APIEmbedField[] = [];
  if (item.sources.length > 0) fields.push({ name: L.source, value: sourceList(item.sources, lang) });
  if (item.kind === 'plan') fields.push({ name: L.asOf, value: L.planNote(item.asOf) });
  if (item.kind === 'conflict') fields.push({ name: L.conflict, value: L.conflictNote });
  return {
    color: item.kind === 'plan' ? COLORS.plan : item.kind === 'conflict' ? COLORS.conflict : COLORS.answer,
    description: truncate(md(item.text), LIMITS.embedDescription),
    fields,
    footer: { text: truncate(`${L.footer} · ${item.factId}`, LIMITS.footer) },
  };
}

function listEmbed(title: string, lines: string[], lang: Lang, color: number): APIEmbed {
  const L = LABELS[lang];
  const budget = LIMITS.embedTotal - title.length;
  let description = '';
  const fields: APIEmbedField[] = [];
  let used = 0;
  let i = 0;
  // Fill the description, then fields, leaving room for a "…and N more" line.
  const reserve = L.more(lines.length).length + 2;
  for (; i < lines.length; i++) {
    const line = truncate(lines[i]!, LIMITS.fieldValue);
    if (used + line.length + 1 + reserve > budget) break;
    if (fields.length === 0 && description.length + line.length + 1 <= LIMITS.embedDescription) {
      description += (description ? '\n' : '') + line;
      used += line.length + 1;
      continue;
    }
    const last = fields[fields.length - 1];
    if (last && last.value.length + line.length + 1 <= LIMITS.fieldValue) {
      last.value += '\n' + line;
      used += line.length + 1;
    } else if (fields.length < LIMITS.fields - 1) {
      fields.push({ name: '\u200b', value: line });
      used += line.length + 1;
    } else break;
  }
  if (i < lines.length) {
    const more = L.more(lines.length - i);
    if (fields.length > 0) fields.push({ name: '\u200b', value: more });
    else description += (description ? '\n' : '') + more;
  }
  return fitEmbed({ color, title, description, fields });
}

// --- citations ----------------------------------------------------------------------------------------

/** `[Title](url) — Publisher, 2025-11-23`, the title cut to `maxTitle`. */
function sourceLine(s: Citation, lang: Lang, maxTitle?: number): string {
  return `${citeLink(s, s.title, maxTitle)} — ${md(s.publisher)}, ${s.date}${s.dateNote ? ` ${LABELS[lang].dateInferred}` : ''}`;
}

function sourceList(sources: Citation[], lang: Lang): string {
  const L = LABELS[lang];
  const lines = sources.map((s) => sourceLine(s, lang));
  const shown = lines.slice(0, 3);
  if (lines.length > 3) shown.push(L.moreSources(lines.length - 3));
  return joinWithin(shown, LIMITS.fieldValue, L.more);
}

/** ` — [Publisher, 2025-11-23](url)` after a related fact or a topic line. */
function shortCite(item: AnswerItem, _lang: Lang): string {
  const s = item.sources[0];
  return s ? ` — ${citeLink(s, `${s.publisher}, ${s.date}`)}` : '';
}

/** A masked link when the source has an http(s) address, else the plain text. */
function citeLink(s: Citation, text: string, max = 150): string {
  // Brackets would end the link text early: `[단독] …` becomes `(단독) …`.
  const label = md(truncate(text, max).replace(/\[/g, '(').replace(/\]/g, ')'));
  const url = safeUrl(s.url);
  return url ? `[${label}](${url})` : label;
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/\S+$/i.test(url) || url.length > 512) return undefined;
  return url.replace(/[()<>\s]/g, (c) => encodeURIComponent(c));
}

function topicList(topics: readonly TopicRef[]): string {
  return joinWithin(
    topics.slice(0, 10).map((t) => `• ${md(t.title)} — \`/fact topic:${t.id}\``),
    LIMITS.fieldValue,
    (n) => `…(+${n})`,
  );
}

// --- feedback buttons ---------------------------------------------------------------------------------

const FEEDBACK_ID = /^fb:([ud]):([a-z0-9]{1,16}):([a-z0-9-]*)$/;

/** `fb:u:<key>:<factId>`, at most 100 characters (the fact id is dropped if it would not fit). */
export function feedbackCustomId(vote: 'up' | 'down', key: string, factId: string): string {
  const id = `fb:${vote === 'up' ? 'u' : 'd'}:${key}:${factId}`;
  return id.length <= LIMITS.customId ? id : `fb:${vote === 'up' ? 'u' : 'd'}:${key}:`;
}

export function parseFeedbackId(customId: string): { vote: 'up' | 'down'; key: string; factId?: string } | undefined {
  const m = FEEDBACK_ID.exec(customId);
  if (!m) return undefined;
  return { vote: m[1] === 'u' ? 'up' : 'down', key: m[2]!, ...(m[3] ? { factId: m[3] } : {}) };
}

export function feedbackRow(key: string, factId: string, lang: Lang): APIActionRowComponent<APIButtonComponentWithCustomId> {
  const L = LABELS[lang];
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: feedbackCustomId('up', key, factId), label: L.up, emoji: { name: '👍' } },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: feedbackCustomId('down', key, factId), label: L.down, emoji: { name: '👎' } },
    ],
  };
}

// --- limits -------------------------------------------------------------------------------------------

/** Every part of one embed within its own limit. */
export function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.embedDescription);
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.author) };
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footer) };
  if (out.fields) {
    out.fields = out.fields
      .slice(0, LIMITS.fields)
      .map((f) => ({ ...f, name: truncate(f.name || '\u200b', LIMITS.fieldName), value: truncate(f.value || '\u200b', LIMITS.fieldValue) }));
  }
  return out;
}

/** The characters Discord counts toward the 6,000 total of a message's embeds. */
export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** At most 10 embeds totalling 6,000 characters: fields are dropped from the end, then descriptions cut. */
export function fitMessage(embeds: APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embeds).map(fitEmbed);
  let total = out.reduce((n, e) => n + embedLength(e), 0);
  for (let i = out.length - 1; i >= 0 && total > LIMITS.embedTotal; i--) {
    const e = out[i]!;
    while (e.fields && e.fields.length > 0 && total > LIMITS.embedTotal) {
      const f = e.fields.pop()!;
      total -= f.name.length + f.value.length;
    }
    if (total > LIMITS.embedTotal && e.description) {
      const keep = Math.max(0, e.description.length - (total - LIMITS.embedTotal));
      const cut = truncate(e.description, keep);
      total -= e.description.length - cut.length;
      e.description = cut || undefined;
      if (!e.description) delete e.description;
    }
    if (total > LIMITS.embedTotal && e.title) {
      const keep = Math.max(1, e.title.length - (total - LIMITS.embedTotal));
      const cut = truncate(e.title, keep);
      total -= e.title.length - cut.length;
      e.title = cut;
    }
  }
  return out;
}

/** Lines joined by newlines within `max` characters, ending with "…and N more" when some do not fit. */
export function joinWithin(lines: readonly string[], max: number, more: (n: number) => string): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const rest = lines.length - i - 1;
    const sep = kept.length > 0 ? 1 : 0;
    const tail = rest > 0 ? 1 + more(rest).length : 0;
    if (length + sep + line.length + tail <= max) {
      kept.push(line);
      length += sep + line.length;
      continue;
    }
    if (kept.length === 0) {
      // The first line alone is too long: cut it and leave room to say how many follow.
      const room = rest > 0 ? max - 1 - more(rest).length : max;
      return truncate(rest > 0 ? `${truncate(line, room)}\n${more(rest)}` : truncate(line, room), max);
    }
    return truncate(`${kept.join('\n')}\n${more(lines.length - kept.length)}`, max);
  }
  return kept.join('\n') || '\u200b';
}

/** At most `max` UTF-16 units, never splitting a surrogate pair, with `…` when cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return '';
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return out + '…';
}

/** Escapes Discord markdown so text shows as written (and cannot fake links or headings). */
export function md(s: string): string {
  return s.replace(/([\\*_~`|[\]<>#])/g, '\\$1');
}

/** Undoes `md` (used to recover a question from an old message's title). */
export function unmd(s: string): string {
  return s.replace(/\\([\\*_~`|[\]<>#])/g, '$1');
}

/** A single line of user text: whitespace collapsed, escaped, cut to `max`. */
function inline(s: string, max: number): string {
  return truncate(md(s.replace(/\s+/g, ' ').trim()), max);
}
