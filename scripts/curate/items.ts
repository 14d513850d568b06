/**
 * The curator's open items, from the question log(s): unanswered questions grouped by rewording
 * exactly as the report groups them (runtime/report/group.ts, the corpus's aliases and lexicon), and
 * each question that drew a 👎 with the fact it drew it on; most asked first, each with the answer
 * given, what the engine answers now and its top candidate (from explain), curated ones left out.
 */
import type Database from 'better-sqlite3';
import { Analyzer } from '../../src/analysis/analyzer.ts';
import type { Corpus } from '../../src/corpus/load.ts';
import type { Engine } from '../../src/engine.ts';
import { truncate } from '../../runtime/report/build.ts';
import { groupQuestions, surfaceKey } from '../../runtime/report/group.ts';
import { LogReadError, questionLogFiles, readLogs } from '../../runtime/report/merge.ts';
import { downvotedQuestions, queryLog, windowOf, type WindowOptions } from '../../runtime/report/queries.ts';
import { isCurated, type CuratedEntry } from './state.ts';

export interface OpenItem {
  kind: 'unanswered' | 'downvoted';
  /** The most asked wording. */
  question: string;
  /** Times asked unanswered, or 👎 received. */
  count: number;
  /** Distinct wordings, and the next most asked (up to two). */
  wordings: number;
  variants: string[];
  /** The fact the bot gave (the one 👎'd), or null. */
  answer: string | null;
  /** What the engine answers now (the corpus may have changed since), or null. */
  now: string | null;
  /** The engine's best candidate now, with its evidence and statement. */
  top: { factId: string; evidence: number; text: string } | null;
  /** Last asked or 👎'd (ISO 8601). */
  last: string;
  /** Surface keys of every wording (matched against the state file; not printed). */
  surfaces: string[];
}

/** The open items of the logs in `dbs` (files or folders) for the window; none when no log exists. */
export function openItems(dbs: readonly string[], corpus: Corpus, engine: Engine, window: WindowOptions, curated: readonly CuratedEntry[]): OpenItem[] {
  const { files } = questionLogFiles(dbs);
  if (files.length === 0) return [];
  const db = readLogs(files, windowOf(window).fromIso);
  try {
    return itemsOf(db, corpus, engine, window, curated);
  } catch (e) {
    // A file that opened but is not a question log fails at its first query.
    if (/^SQLITE_/.test((e as { code?: string }).code ?? '') || /not a question log/.test((e as Error).message)) throw new LogReadError(files.join(', '), e);
    throw e;
  } finally {
    db.close();
  }
}

function itemsOf(db: Database.Database, corpus: Corpus, engine: Engine, window: WindowOptions, curated: readonly CuratedEntry[]): OpenItem[] {
  const { unanswered } = queryLog(db, window);
  const analyzer = new Analyzer(corpus.aliases, corpus.lexicon);
  const lastOf = new Map<string, string>();
  for (const u of unanswered) {
    const k = surfaceKey(u.question) || u.question;
    if ((lastOf.get(k) ?? '') < u.last) lastOf.set(k, u.last);
  }
  const groups = groupQuestions(unanswered, analyzer, { maxVariants: Infinity }).map((g) => {
    const wordings = [g.example, ...g.variants];
    const surfaces = wordings.map((w) => surfaceKey(w) || w);
    const last = surfaces.reduce((m, s) => ((lastOf.get(s) ?? '') > m ? lastOf.get(s)! : m), '');
    return { kind: 'unanswered' as const, question: g.example, count: g.count, wordings: g.wordings, variants: g.variants.slice(0, 2), answer: null, last, surfaces };
  });
  const downvoted = downvotedQuestions(db, window).map((d) => ({
    kind: 'downvoted' as const,
    question: d.question,
    count: d.count,
    wordings: 1,
    variants: [],
    answer: d.factId,
    last: d.last,
    surfaces: [surfaceKey(d.question) || d.question],
  }));
  return [...groups, ...downvoted]
    .filter((item) => item.question.trim() !== '' && !isCurated(item, curated))
    .sort((a, b) => b.count - a.count || (a.kind === b.kind ? 0 : a.kind === 'unanswered' ? -1 : 1) || (a.question < b.question ? -1 : a.question > b.question ? 1 : 0))
    .map((item) => ({ ...item, ...engineView(engine, item.question) }));
}

/** What the engine does with the question now: its answer and its best candidate. */
export function engineView(engine: Engine, question: string): Pick<OpenItem, 'now' | 'top'> {
  const x = engine.explain(question);
  const best = x.candidates.find((c) => !c.filteredBy);
  const fact = best && engine.corpus.facts.find((f) => f.id === best.id);
  const lang = engine.detectLang(question);
  return {
    now: x.decision.answered ? x.decision.factId : null,
    top: best && fact ? { factId: best.id, evidence: Math.round(best.evidence * 1000) / 1000, text: lang === 'en' ? fact.en : fact.ko } : null,
  };
}

const quote = (s: string) => `"${s.replace(/\s+/g, ' ')}"`;

/** One item, as --list prints it and the walk heads it (after `prefix`). */
export function describeItem(item: OpenItem, prefix: string): string {
  const head = item.kind === 'unanswered' ? `unanswered ×${item.count}` : `👎 ×${item.count} on ${item.answer}`;
  const more = item.wordings - 1 - item.variants.length;
  const also = item.variants.length ? `  (also ${[...item.variants.map(quote), ...(more > 0 ? [`+${more} more`] : [])].join(', ')})` : '';
  const top = item.top ? `${item.top.factId} (evidence ${item.top.evidence.toFixed(2)}): ${truncate(item.top.text, 70)}` : 'none';
  return `${prefix}${head}  ${quote(item.question)}${also}\n    answer given: ${item.answer ?? 'none'} · now: ${item.now ?? 'not answered'} · top candidate: ${top}\n`;
}
