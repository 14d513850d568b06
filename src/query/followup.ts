/**
 * Follow-up questions in a thread ("그럼 KAIST는?", "언제부터?", "출처 더", "in English please"):
 * given the last turn (its parsed question and the facts that answered it) and a new message, decide
 * whether the message leans on it and, if so, how. Deterministic and explainable: a self-contained
 * question is never merged.
 */
import type { Unit } from '../analysis/analyzer.ts';
import { ROUND_NOUNS } from '../analysis/ordinals.ts';
import type { Lexicon } from '../analysis/lexicon.ts';
import type { FollowUpKind, Lang, Turn } from '../types.ts';
import type { ParsedQuestion } from './parse.ts';

/**
 * A merge: the message read against the last question. `readings` are the merged questions' units,
 * tried in order until one finds an answer ("그럼 네이버는?" swaps the team asked about, else adds
 * one beside the last question's: NVIDIA's GPUs for Naver). A `fallback` merge (a full question that
 * names no programme or party, in a thread about one) is used only when the message alone finds nothing
 * or finds a fact on less evidence.
 */
export type Resolution =
  | { kind: 'entity-swap' | 'attribute-swap'; readings: Unit[][]; intents: ParsedQuestion['intents']; counted?: ParsedQuestion['counted']; fallback?: true }
  | { kind: 'sources' }
  | { kind: 'more' }
  | { kind: 'language'; lang: Lang };

/** A message of at most this many words can be an action on the last answer ("출처 더 보여줘"). */
const ACTION_WORDS = 6;
/** A longer message that points at the last answer ("that", 그거) can be an action in this many words… */
const POINTED_ACTION_WORDS = 10;
/** …with at most this many content words of its own beside the request (put, desk). */
const POINTED_ACTION_UNITS = 2;
/** A message of at most this many words that names no one and no programme leans on the last question. */
const LEANING_WORDS = 4;
/** A message with at most this many content units of its own can lean on the last question. */
const FOLLOW_UP_UNITS = 3;

/** What a round is called, when the message names one: and round 2?, stage two? */
const ROUND_NOUN = new RegExp(`^(?:${ROUND_NOUNS})$`);

const content = (units: readonly Unit[]) => units.filter((u) => !u.framing && !u.predicate && !u.context);

/** What the alias groups say of a concept's token, beyond the token itself. */
export interface Concepts {
  /** The broader concepts a mention counts for (alias groups' `broader`). */
  broader?: (token: string) => string[];
  /** The tools: software and sites models are served on or published at (alias groups' `tool`). */
  tools?: ReadonlySet<string>;
}

/**
 * How `q` follows `prev`, or undefined when it stands on its own. `topicTerms`: the words that name
 * the last answer's topic (NAICC, K-Fold), which stay the subject when the message asks something else.
 */
export function resolveFollowUp(q: ParsedQuestion, prev: Turn, lex: Lexicon, topicTerms: ReadonlySet<string> = new Set(), concepts: Concepts = {}): Resolution | undefined {
  const broader = concepts.broader ?? (() => []);
  const norm = q.norm;
  const f = lex.followups;
  const own = ownUnits(q, broader);
  const action = actionOf(q, own, f);
  if (action) return action;
  const prevUnits = prev.units as Unit[];
  const prevEntities = prevUnits.filter((u) => u.entity);
  const markers = new Set([...lex.programmes.markers.values()].flat());
  const isMarker = (u: Pick<Unit, 'tokens'>) => markers.has(u.tokens[0]!);
  const asked = (u: Unit) => q.asking.some((m) => m.tokens[0] === u.tokens[0]);
  // The subject: the teams, the programme, the topic, the round and the year the last question was about.
  // A round or a year the message names replaces the last one's (두번째 평가는? after 1차 평가).
  const isRound = (t: string) => t.startsWith('#n');
  const isDate = (t: string) => t.startsWith('#') && !isRound(t);
  const isYear = (t: string) => /^\d{4}$/.test(t);
  const names = (is: (t: string) => boolean) => q.asking.some((u) => is(u.tokens[0]!));
  const keptConstraint = (t: string) => [isRound, isDate, isYear].some((is) => is(t) && !names(is));
  const isConstraint = (t: string) => isRound(t) || isDate(t) || isYear(t);
  // An amount or count of the last question (1.46tn won, 256) named what it asked about; the facts
  // that answer the next question rarely restate it.
  const isAmount = (t: string) => /^\d/.test(t) && !isYear(t);
  const subject = prevUnits.filter((u) => (isConstraint(u.tokens[0]!) ? keptConstraint(u.tokens[0]!) : u.entity || isMarker(u) || topicTerms.has(u.tokens[0]!)));
  // A message of a few words naming no one and no programme (GPU 몇 장 들어가?) leans too: in a thread it is rarely a question of its own.
  const leans = f.markers.test(norm) || own.length <= 1 || (q.entities.length === 0 && q.programme.by === 'home' && norm.trim().split(/\s+/).length <= LEANING_WORDS);
  if (!leans || own.length > FOLLOW_UP_UNITS) {
    // "8월 평가에선 몇 팀 남겨?" in a thread about 독파모: a whole question, but about the thread's subject.
    // Only the programme and the parties carry over: its own round or year may differ.
    const about = prevUnits.filter((u) => u.entity || isMarker(u));
    if (q.programme.by !== 'home' || about.length === 0) return undefined;
    const pointsBack = f.pronouns?.test(norm) ?? false;
    return { kind: 'attribute-swap', readings: [[...q.asking, ...about]], intents: q.intents, ...(q.counted ? { counted: q.counted } : {}), ...(pointsBack ? {} : { fallback: true as const }) };
  }
  const sameQuestion = { intents: q.intents.length ? q.intents : (prev.intents as ParsedQuestion['intents']), ...(counted(q, prev) ? { counted: counted(q, prev)! } : {}) };
  // "what about the sovereign model call?": the last question, about another programme (one it named,
  // or the home programme it meant by naming none; its teams belong to that programme and go).
  // "AI+과학기술 사업은 뭐임?", "KAIST는 뭐야?", "소버린AI 뜻이 뭐임": asking what a named thing or term is
  // is a question of its own ("라이선스 뭐야", an attribute, and "what are they building" are not).
  const namesTerm = () => own.some((u) => u.alias && !q.attributes.includes(u.tokens[0]!)) && !(f.pronouns?.test(norm) ?? false);
  if (q.intents.includes('define') && (q.programme.by === 'named' || q.entities.length > 0 || namesTerm())) return undefined;
  if (q.programme.by === 'named') {
    const prevProgramme = prevUnits.filter(isMarker);
    if (prevProgramme.every(asked) && prevProgramme.length > 0) return undefined;
    if (own.filter((u) => !isMarker(u)).length > 1) return undefined;
    const kept = prevUnits.filter((u) => !isMarker(u) && !u.framing && !asked(u) && (prevProgramme.length > 0 || !u.entity));
    if (kept.length === 0) return undefined;
    return { kind: 'entity-swap', readings: [[...q.asking, ...kept]], ...sameQuestion };
  }
  // "그럼 KAIST는?": the last question, with its team swapped for this one, or (when it named none,
  // or the swap answers worse) with this one beside it.
  if (q.entities.length > 0) {
    if (own.filter((u) => !u.entity).length > 1) return undefined;
    const rest = prevUnits.filter((u) => !u.framing && !asked(u) && !isAmount(u.tokens[0]!));
    // A tool swaps a tool and a party a party: "transformers?" after "A.X K1 on vLLM?" keeps A.X K1.
    const isTool = (token: string) => concepts.tools?.has(token) ?? false;
    const namesTools = q.entities.every(isTool);
    const replaced = prevEntities.filter((u) => isTool(u.tokens[0]!) === namesTools);
    // The swapped team's broader concepts go with it (SK Group, counted for SK Telecom).
    const theirs = new Set(replaced.flatMap((u) => [u.tokens[0]!, ...broader(u.tokens[0]!)]));
    const swapped = [...q.asking, ...rest.filter((u) => !theirs.has(u.tokens[0]!))];
    const added = [...q.asking, ...rest];
    return { kind: 'entity-swap', readings: replaced.length ? [swapped, added] : [added], ...sameQuestion };
  }
  // "언제부터?", "and the budget?": the last question's subject, asked something else. Its other
  // words are what the message replaces when it names something of its own (how many orgs in it?
  // after the budget): they go.
  // A question with nothing of its own (뭐 같이 하기로 했대?, so what did they agree?) asks the last one again.
  if (own.length === 0 && q.intents.length === 0 && !(f.asks?.test(norm) ?? false)) return undefined;
  // A round, date or year carries over only as part of the subject (when the message names none of its own).
  const rest = prevUnits.filter((u) => !subject.includes(u) && !u.framing && !u.predicate && !asked(u) && !isConstraint(u.tokens[0]!) && !isAmount(u.tokens[0]!));
  if (subject.length === 0 && rest.length === 0) return undefined;
  // With nothing of its own but a question word (언제부터?) or another round, date or year (and round
  // 2?), the last question's words are what it asks about; a counted thing (몇 장?) is its own.
  const ownThings = own.filter((u) => !isConstraint(u.tokens[0]!) && !ROUND_NOUN.test(u.tokens[0]!));
  const carried = ownThings.length === 0 && !q.counted ? rest : [];
  return { kind: 'attribute-swap', readings: [[...q.asking, ...subject.filter((u) => !asked(u)), ...carried]], intents: q.intents, ...(q.counted ? { counted: q.counted } : {}) };
}

/** A question is cut to 1,000 characters before it is read; a longer text here is read as a question. */
const CHATTER_MAX_CHARS = 1000;

/**
 * Whether the message only talks back (thanks, nice, 고마워요 ㅎㅎ, 👍): every word of it a chatter word
 * of the lexicon, or nothing but emoji and punctuation.
 */
export function onlyTalksBack(text: string, lexicon: Lexicon): boolean {
  const chatter = lexicon.followups.chatter;
  if (!chatter || text.length > CHATTER_MAX_CHARS) return false;
  const words = text.split(/[\s\p{P}\p{S}]+/u).filter((w) => w.length > 0);
  return words.length === 0 ? /\p{S}/u.test(text) : words.every((w) => chatter.test(w));
}

/** The message's content units, without a broader concept a word of it counts for (SK Group, for SK Telecom's). */
function ownUnits(q: ParsedQuestion, broader: (token: string) => string[]): Unit[] {
  const implied = new Set(q.asking.flatMap((u) => broader(u.tokens[0]!)));
  return content(q.asking).filter((u) => !implied.has(u.tokens[0]!));
}

/**
 * The action the message asks for on a last answer ("출처 좀", "in English", "more"), or undefined:
 * with no last answer to act on it is not a question about the words of the request ("한국어로" is
 * not about Korea).
 */
export function requestedAction(q: ParsedQuestion, lex: Lexicon, broader: (token: string) => string[] = () => []): Resolution | undefined {
  return actionOf(q, ownUnits(q, broader), lex.followups);
}

/** The actions on the last answer, in the order they are tried. */
const ACTIONS = [
  ['sources', { kind: 'sources' }],
  ['english', { kind: 'language', lang: 'en' }],
  ['korean', { kind: 'language', lang: 'ko' }],
  ['more', { kind: 'more' }],
] as const satisfies readonly (readonly [keyof Lexicon['followups'], Resolution])[];

/**
 * An action on the last answer: a request that names nothing of its own beside the request's own
 * words ("출처 좀", "same in korean?": korean is the request, not Korea). A short message may name one
 * term ("GPU 출처"); a longer one that points at the answer ("can u put that in english for the desk",
 * "is that from an official source or?") may add a few words but name nothing. "More" stays short.
 */
function actionOf(q: ParsedQuestion, own: readonly Unit[], f: Lexicon['followups']): Resolution | undefined {
  const words = q.norm.trim().split(/\s+/).length;
  const pointed = words <= POINTED_ACTION_WORDS && (f.pointers?.test(q.norm) ?? false);
  if (words > ACTION_WORDS && !pointed) return undefined;
  for (const [name, action] of ACTIONS) {
    const m = f[name]!.exec(q.norm);
    if (!m) continue;
    const outside = own.filter((u) => u.at === undefined || u.at < m.index || u.at >= m.index + m[0].length);
    const named = outside.filter((u) => u.alias || u.entity);
    if (outside.some((u) => u.entity)) return undefined;
    if (words <= ACTION_WORDS ? named.length <= 1 && (name !== 'more' || outside.length <= 1) : name !== 'more' && named.length === 0 && outside.length <= POINTED_ACTION_UNITS) return action;
  }
  return undefined;
}

/** The counted thing: the new message's, else (a swapped team, same question) the last one's. */
function counted(q: ParsedQuestion, prev: Turn): ParsedQuestion['counted'] {
  if (q.counted) return q.counted;
  return prev.counted ? { field: prev.counted.field, pattern: new RegExp(prev.counted.pattern, 'i') } : undefined;
}

/** The turn to keep after answering `q` with `factIds`. */
export function turnOf(q: ParsedQuestion, factIds: string[], lang: Lang = q.lang): Turn {
  return {
    lang,
    units: q.units
      .filter((u) => !u.context)
      .map((u) => ({ tokens: u.tokens, alias: u.alias, ...(u.entity ? { entity: true } : {}), ...(u.framing ? { framing: true } : {}), ...(u.predicate ? { predicate: true } : {}), ...(u.verbForm ? { verbForm: true } : {}) })),
    intents: q.intents,
    ...(q.counted ? { counted: { field: q.counted.field, pattern: q.counted.pattern.source } } : {}),
    factIds,
  };
}

export type { FollowUpKind };
