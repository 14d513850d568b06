import { detectLang } from '../../src/analysis/analyzer.ts';
import type { EvalQuestion } from './eval-set.ts';

type Lang = 'ko' | 'en' | 'mixed';

export interface Metrics {
  inScope: number;
  outOfScope: number;
  nearMiss: number;
  gaps: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Share of out-of-scope questions that got "not found". */
  abstention: number;
  /** Share of near-misses (our names, what no source states) that got "not found". */
  nearMissAbstention: number;
  /**
   * The same, also counting an answer that says its outcome is not in the sources (a plan whose date
   * has passed, as the engine issue asks: "not in my sources yet", with the plan).
   */
  nearMissWithheld: number;
  /** Share of corpus gaps (in the sources, not in the corpus) that got "not found". */
  gapAbstention: number;
  /** Share of in-scope questions wrongly answered "not found". */
  falseAbstention: number;
  byLang: Record<Lang, { n: number; hit1: number }>;
  misses: { q: string; file: string; expect: string[]; got: string[] }[];
}

/** The language a question is scored under: the set's label when it has one, else the detected one. */
export function langOf(item: EvalQuestion): Lang {
  return item.lang ?? detectLang(item.q);
}

/** What kind of item: in scope (expects facts), or one of the three kinds that must abstain. */
export function kindOf(item: EvalQuestion): 'answer' | 'out-of-scope' | 'near-miss' | 'gap' {
  if (item.expect.length > 0) return 'answer';
  return item.kind === 'near-miss' || item.kind === 'gap' ? item.kind : 'out-of-scope';
}

/**
 * Scores a ranker (fact ids best first; empty = abstained) on an evaluation set. `withholds`: whether
 * the answer to a question says the sources hold no outcome yet (none by default).
 */
export function score(set: EvalQuestion[], rank: (q: string) => string[], withholds: (q: string) => boolean = () => false): Metrics {
  let hit1 = 0, hit3 = 0, rr = 0, falseAbst = 0, inScope = 0;
  const abstain = { 'out-of-scope': [0, 0], 'near-miss': [0, 0], gap: [0, 0] } as Record<string, [number, number]>;
  const byLang = { ko: { n: 0, hit: 0 }, en: { n: 0, hit: 0 }, mixed: { n: 0, hit: 0 } };
  const misses: Metrics['misses'] = [];
  let withheld = 0;
  for (const item of set) {
    const got = rank(item.q);
    const kind = kindOf(item);
    if (kind !== 'answer') {
      const a = abstain[kind]!;
      a[1]++;
      if (got.length === 0) a[0]++;
      if (kind === 'near-miss' && (got.length === 0 || withholds(item.q))) withheld++;
      if (got.length > 0) misses.push({ q: item.q, file: item.file, expect: [], got: got.slice(0, 1) });
      continue;
    }
    inScope++;
    const lang = byLang[langOf(item)];
    lang.n++;
    if (got.length === 0) falseAbst++;
    const pos = got.slice(0, 3).findIndex((id) => item.expect.includes(id));
    if (pos === 0) {
      hit1++;
      lang.hit++;
    } else misses.push({ q: item.q, file: item.file, expect: item.expect, got: got.slice(0, 3) });
    if (pos >= 0) {
      hit3++;
      rr += 1 / (pos + 1);
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const share = (k: string) => ratio(abstain[k]![0], abstain[k]![1]);
  const langs = Object.fromEntries(Object.entries(byLang).map(([k, v]) => [k, { n: v.n, hit1: ratio(v.hit, v.n) }])) as Metrics['byLang'];
  return {
    inScope,
    outOfScope: abstain['out-of-scope']![1],
    nearMiss: abstain['near-miss']![1],
    gaps: abstain.gap![1],
    hit1: ratio(hit1, inScope),
    hit3: ratio(hit3, inScope),
    mrr: ratio(rr, inScope),
    abstention: share('out-of-scope'),
    nearMissAbstention: share('near-miss'),
    nearMissWithheld: ratio(withheld, abstain['near-miss']![1]),
    gapAbstention: share('gap'),
    falseAbstention: ratio(falseAbst, inScope),
    byLang: langs,
    misses,
  };
}
