/**
 * Groups questions that are the same question in other words ("루닛 주가 얼마야?", "Lunit 주가?",
 * "What is Lunit's stock price?"), using the project's Analyzer with the corpus aliases: each
 * question becomes its set of units of meaning, and questions whose sets are equal or highly similar
 * (Jaccard ≥ 0.8) are one group.
 */
import type { Analyzer } from '../../src/analysis/analyzer.ts';
import { fold } from '../../src/analysis/normalize.ts';

export interface QuestionCount {
  question: string;
  count: number;
}

export interface QuestionGroup {
  /** How many times the group was asked, all wordings together. */
  count: number;
  /** Its most frequent wording. */
  example: string;
  /** The next most frequent other wordings, up to `maxVariants`. */
  variants: string[];
  /** How many distinct wordings the group has. */
  wordings: number;
  /** The units of meaning of the example, as the analyzer sees them (for debugging groupings). */
  units: string[];
}

export interface GroupOptions {
  /** Minimum similarity of unit sets to share a group (default 0.8). */
  threshold?: number;
  maxVariants?: number;
  /** Compare every cluster with every group instead of the prefix filter's candidates (slow; for tests). */
  exhaustive?: boolean;
}

/** Lower case, NFKC, one space, no trailing punctuation: `GPU 몇 장?` = `gpu  몇 장`. */
export function surfaceKey(text: string): string {
  return fold(text)
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/^[\s"'“”‘’]+|[\s?？!！.。~…,"'“”‘’]+$/g, '')
    .trim();
}

const HANGUL = /^[\uAC00-\uD7A3]+$/;

/** Two units mean the same: equal, or one Hangul stem the analyzer left longer (지원 ~ 지원해줘). */
function unitsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith('~') || b.startsWith('~')) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 2 && HANGUL.test(short) && HANGUL.test(long) && long.startsWith(short);
}

/** The token near-equal units share: a Hangul stem's first two syllables, else the unit. */
function canonical(unit: string): string {
  return !unit.startsWith('~') && unit.length >= 2 && HANGUL.test(unit) ? `@${unit.slice(0, 2)}` : unit;
}

/** Jaccard similarity of two unit sets, where near-equal Hangul stems count as equal. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const used = new Set<number>();
  let matched = 0;
  for (const x of a) {
    const j = b.findIndex((y, i) => !used.has(i) && unitsMatch(x, y));
    if (j >= 0) {
      used.add(j);
      matched++;
    }
  }
  return matched / (a.length + b.length - matched);
}

const byCountThenText = <T extends { count: number }>(key: (t: T) => string) => (x: T, y: T) => y.count - x.count || (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);

interface Cluster {
  key: string[];
  count: number;
  /** Original wordings with their counts. */
  texts: Map<string, number>;
}

/** Groups questions (with how often each was asked); biggest group first. */
export function groupQuestions(items: readonly QuestionCount[], analyzer: Analyzer, options: GroupOptions = {}): QuestionGroup[] {
  const threshold = options.threshold ?? 0.8;
  const maxVariants = options.maxVariants ?? 2;

  // 1. Same units, same cluster (this also merges differences of case, spacing and punctuation).
  const clusters = new Map<string, Cluster>();
  for (const { question, count } of items) {
    if (!(count > 0)) continue;
    const surface = surfaceKey(question);
    let key = [...new Set(analyzer.units(question).map((u) => u.tokens[0]!))].sort();
    if (key.length === 0) key = [`=${surface}`]; // nothing the analyzer keeps ("ㅋㅋ", "?"): by its text
    const id = key.join('\u0000');
    let c = clusters.get(id);
    if (!c) clusters.set(id, (c = { key, count: 0, texts: new Map() }));
    c.count += count;
    c.texts.set(question, (c.texts.get(question) ?? 0) + count);
  }

  // 2. Similar units: each cluster, biggest first, joins the most similar group at or above the
  // threshold. Candidates come from a prefix filter (a set-similarity join): near-equal units share
  // a canonical token (a Hangul stem's first two syllables), units are ordered rarest first, and two
  // sets with Jaccard ≥ t must share a canonical token among the first |A| − ⌈t·|A|⌉ + 1 of each.
  const ordered = [...clusters.values()].sort(byCountThenText((c) => c.key.join(' ')));
  const frequency = new Map<string, number>();
  for (const c of ordered) for (const u of new Set(c.key.map(canonical))) frequency.set(u, (frequency.get(u) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  const prefix = (key: string[]) => {
    const tokens = key.map(canonical).sort(rarestFirst);
    return tokens.slice(0, key.length - Math.ceil(threshold * key.length - 1e-9) + 1);
  };
  const groups: { rep: string[]; clusters: Cluster[] }[] = [];
  const index = new Map<string, number[]>();
  for (const c of ordered) {
    let best = -1;
    let bestSim = -1;
    const textOnly = c.key[0]!.startsWith('=');
    const probe = textOnly ? [] : prefix(c.key);
    if (!textOnly) {
      const candidates = new Set<number>();
      if (options.exhaustive) groups.forEach((_, g) => candidates.add(g));
      else for (const t of probe) for (const g of index.get(t) ?? []) candidates.add(g);
      for (const g of [...candidates].sort((x, y) => x - y)) {
        const rep = groups[g]!.rep;
        const [small, large] = c.key.length <= rep.length ? [c.key.length, rep.length] : [rep.length, c.key.length];
        if (small < threshold * large - 1e-9) continue; // Jaccard ≤ |small| / |large|
        const sim = similarity(c.key, rep);
        if (sim >= threshold - 1e-9 && sim > bestSim) {
          best = g;
          bestSim = sim;
        }
      }
    }
    if (best >= 0) {
      groups[best]!.clusters.push(c);
      continue;
    }
    const id = groups.push({ rep: c.key, clusters: [c] }) - 1;
    for (const t of new Set(probe)) {
      const list = index.get(t);
      if (list) list.push(id);
      else index.set(t, [id]);
    }
  }

  // 3. Each group's wordings: one per surface form (its most frequent spelling), most frequent first.
  return groups
    .map(({ rep, clusters: cs }) => {
      const surfaces = new Map<string, { count: number; best: string; bestCount: number }>();
      for (const c of cs) {
        for (const [text, count] of c.texts) {
          const k = surfaceKey(text) || text;
          const s = surfaces.get(k) ?? { count: 0, best: text, bestCount: 0 };
          s.count += count;
          if (count > s.bestCount || (count === s.bestCount && text < s.best)) {
            s.best = text;
            s.bestCount = count;
          }
          surfaces.set(k, s);
        }
      }
      const wordings = [...surfaces.values()].map((s) => ({ question: s.best, count: s.count })).sort(byCountThenText((w) => w.question));
      return {
        count: cs.reduce((n, c) => n + c.count, 0),
        example: wordings[0]!.question,
        variants: wordings.slice(1, 1 + maxVariants).map((w) => w.question),
        wordings: wordings.length,
        units: rep[0]!.startsWith('=') ? [] : rep,
      };
    })
    .sort(byCountThenText((g) => g.example));
}
