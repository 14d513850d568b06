import { detectLang } from '../../src/analysis/analyzer.ts';
import type { EvalQuestion } from './eval-set.ts';

export interface Metrics {
  inScope: number;
  outOfScope: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Share of out-of-scope questions that got "not found". */
  abstention: number;
  /** Share of in-scope questions wrongly answered "not found". */
  falseAbstention: number;
  ko: { n: number; hit1: number };
  en: { n: number; hit1: number };
  misses: { q: string; expect: string[]; got: string[] }[];
}

/** Scores a ranker (fact ids best first; empty = abstained) on an evaluation set. */
export function score(set: EvalQuestion[], rank: (q: string) => string[]): Metrics {
  let hit1 = 0, hit3 = 0, rr = 0, abstained = 0, falseAbst = 0, inScope = 0, oos = 0;
  const byLang = { ko: { n: 0, hit: 0 }, en: { n: 0, hit: 0 } };
  const misses: Metrics['misses'] = [];
  for (const item of set) {
    const got = rank(item.q);
    if (item.expect.length === 0) {
      oos++;
      if (got.length === 0) abstained++;
      else misses.push({ q: item.q, expect: [], got: got.slice(0, 1) });
      continue;
    }
    inScope++;
    const lang = byLang[detectLang(item.q)];
    lang.n++;
    if (got.length === 0) falseAbst++;
    const pos = got.slice(0, 3).findIndex((id) => item.expect.includes(id));
    if (pos === 0) {
      hit1++;
      lang.hit++;
    } else misses.push({ q: item.q, expect: item.expect, got: got.slice(0, 3) });
    if (pos >= 0) {
      hit3++;
      rr += 1 / (pos + 1);
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    inScope,
    outOfScope: oos,
    hit1: ratio(hit1, inScope),
    hit3: ratio(hit3, inScope),
    mrr: ratio(rr, inScope),
    abstention: ratio(abstained, oos),
    falseAbstention: ratio(falseAbst, inScope),
    ko: { n: byLang.ko.n, hit1: ratio(byLang.ko.hit, byLang.ko.n) },
    en: { n: byLang.en.n, hit1: ratio(byLang.en.hit, byLang.en.n) },
    misses,
  };
}
