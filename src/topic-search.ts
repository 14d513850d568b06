/**
 * Topic search for autocomplete (`/fact topic:`): matches what a person has typed so far against topic
 * ids, titles (both languages) and aliases. Platform-neutral: adapters turn the result into choices.
 *
 * Korean input is matched the way it is typed: with or without spaces, by initial consonants (초성,
 * `ㄹㄴ` → 루닛) and mid-syllable (`루ㄴ` or `룬` while typing 루닛), by comparing decomposed jamo.
 */
import { convertQwertyToHangul, disassemble, getChoseong } from 'es-hangul';
import { nameKey as normalize } from './analysis/normalize.ts';
import type { Topic } from './corpus/schema.ts';
import type { Lang } from './types.ts';

export interface TopicChoice {
  /** The topic id (or `timeline`), the value a command receives. */
  id: string;
  /** What the person sees: at most 100 characters. */
  name: string;
}

/** The timeline is not in topics.yaml (its id is reserved) but `/fact timeline` shows it. */
export const TIMELINE_TOPIC: Topic = {
  id: 'timeline',
  title: { ko: '타임라인 (날짜별 주요 사건)', en: 'Timeline (dated events)' },
  aliases: ['타임라인', '연표', '일정표', '연혁', 'timeline', 'history', 'chronology', 'dates'],
  scope: 'general',
};

/** Discord and Slack both cap a choice's name at 100 characters. */
export const MAX_NAME = 100;

/**
 * Topics matching `input`, best first, at most `limit`. Empty input lists the topics in corpus order
 * (then the timeline). Names are in `lang` when given, else `한국어 · English`.
 * Ranking: exact, then prefix (also by jamo and 초성), word prefix, substring, all words somewhere;
 * ties keep corpus order, so results are deterministic.
 */
export function searchTopics(topics: readonly Topic[], input: string, limit = 25, lang?: Lang): TopicChoice[] {
  const entries = indexOf(topics);
  const max = Math.max(0, Math.floor(limit));
  const q = normalize(input);
  const name = (e: Entry) => truncate(lang ? e.topic.title[lang] : bilingual(e.topic), MAX_NAME);
  if (q === '') return entries.slice(0, max).map((e) => ({ id: e.topic.id, name: name(e) }));

  let ranked = rank(entries, input);
  // Typed on an English keyboard layout while meaning Korean (`fnslt` → 루닛)?
  if (ranked.length === 0 && /^[a-z\s]+$/i.test(input.trim())) {
    const hangul = safe(() => convertQwertyToHangul(input.trim()), '');
    if (hangul && hangul !== input.trim()) ranked = rank(entries, hangul);
  }
  return ranked.slice(0, max).map(({ entry }) => ({ id: entry.topic.id, name: name(entry) }));
}

// --- matching -------------------------------------------------------------------------------------

interface Key {
  /** Normalized (lowercase, no spaces or punctuation). */
  text: string;
  /** `text` decomposed into jamo. */
  jamo: string;
  /** The initial consonants of `text`'s Hangul syllables. */
  cho: string;
  /** Each word of the original, normalized and decomposed. */
  words: { text: string; jamo: string }[];
}

interface Entry {
  topic: Topic;
  order: number;
  keys: Key[];
}

const cache = new WeakMap<readonly Topic[], Entry[]>();

function indexOf(topics: readonly Topic[]): Entry[] {
  let entries = cache.get(topics);
  if (!entries) {
    // The timeline first: with more than 25 topics an empty box must still offer it.
    const all = topics.some((t) => t.id === TIMELINE_TOPIC.id) ? topics : [TIMELINE_TOPIC, ...topics];
    entries = all.map((topic, order) => ({
      topic,
      order,
      keys: [topic.id, topic.title.ko, topic.title.en, ...(topic.aliases ?? [])].map(keyOf).filter((k) => k.text !== ''),
    }));
    cache.set(topics, entries);
  }
  return entries;
}

function keyOf(s: string): Key {
  const text = normalize(s);
  return {
    text,
    jamo: jamo(text),
    cho: safe(() => getChoseong(text), ''),
    words: s
      .split(SEPARATORS)
      .map(normalize)
      .filter(Boolean)
      .map((w) => ({ text: w, jamo: jamo(w) })),
  };
}

const SEPARATORS = /[\s\p{P}\p{S}]+/u;
const ONLY_CHOSEONG = /^[ㄱ-ㅎ]+$/;
const HAS_HANGUL = /[ㄱ-ㅣ가-힣]/;

function jamo(s: string): string {
  return HAS_HANGUL.test(s) ? safe(() => disassemble(s), s) : s;
}

interface Match {
  level: number;
  /** Where in the key the match starts; earlier is better. */
  at: number;
  /** The matched key's length; a shorter key is a closer match. */
  length: number;
}

function rank(entries: Entry[], input: string): { entry: Entry; match: Match }[] {
  const q = normalize(input);
  if (q === '') return [];
  const query = {
    text: q,
    jamo: jamo(q),
    hangul: HAS_HANGUL.test(q),
    choseong: ONLY_CHOSEONG.test(q),
    // For words typed out of order (`모델 루닛`); a lone Latin letter says too little to count.
    tokens: input.split(SEPARATORS).map(normalize).filter((t) => t.length > 1 || HAS_HANGUL.test(t)),
  };
  const out: { entry: Entry; match: Match }[] = [];
  for (const entry of entries) {
    let best: Match | undefined;
    for (const key of entry.keys) {
      const m = matchKey(key, query);
      if (m && (!best || compareMatch(m, best) < 0)) best = m;
    }
    if (!best && query.tokens.length > 1 && query.tokens.every((t) => entry.keys.some((k) => contains(k, t)))) {
      best = { level: 6, at: 0, length: 0 };
    }
    if (best) out.push({ entry, match: best });
  }
  return out.sort((a, b) => compareMatch(a.match, b.match) || a.entry.order - b.entry.order);
}

function matchKey(
  key: Key,
  q: { text: string; jamo: string; hangul: boolean; choseong: boolean },
): Match | undefined {
  const m = (level: number, at: number): Match => ({ level, at, length: key.text.length });
  if (key.text === q.text) return m(0, 0);
  if (key.text.startsWith(q.text)) return m(1, 0);
  if (q.hangul && key.jamo.startsWith(q.jamo)) return m(2, 0);
  if (q.choseong && key.cho.startsWith(q.text)) return m(key.cho === q.text ? 1 : 2, 0);
  if (key.words.some((w) => w.text.startsWith(q.text) || (q.hangul && w.jamo.startsWith(q.jamo)))) return m(3, 1);
  let at = key.text.indexOf(q.text);
  if (at >= 0) return m(4, at);
  if (q.hangul && (at = key.jamo.indexOf(q.jamo)) >= 0) return m(5, at);
  if (q.choseong && (at = key.cho.indexOf(q.text)) >= 0) return m(5, at);
  return undefined;
}

function contains(key: Key, token: string): boolean {
  if (key.text.includes(token)) return true;
  if (HAS_HANGUL.test(token) && key.jamo.includes(jamo(token))) return true;
  return ONLY_CHOSEONG.test(token) && key.cho.includes(token);
}

function compareMatch(a: Match, b: Match): number {
  return a.level - b.level || a.at - b.at || a.length - b.length;
}

// --- names ----------------------------------------------------------------------------------------

function bilingual(t: Topic): string {
  return t.title.ko === t.title.en ? t.title.ko : `${t.title.ko} · ${t.title.en}`;
}

/** At most `max` UTF-16 units, never splitting a surrogate pair, with `…` when cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return out.trimEnd() + '…';
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
