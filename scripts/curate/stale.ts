/**
 * Plans whose due date has passed with no later fact superseding them: what a curator should look
 * up next (did the release happen? the groundbreaking?), each with the sources that stated the plan.
 */
import type { Corpus } from '../../src/corpus/load.ts';
import { isPastDue } from '../../src/answer/freshness.ts';

export interface StalePlan {
  factId: string;
  due: string;
  text: string;
  sources: { id: string; publisher: string; date: string; url?: string }[];
}

export function stalePlans(corpus: Corpus, today: string): StalePlan[] {
  const superseded = new Set(corpus.facts.flatMap((f) => f.supersedes));
  return corpus.facts
    .filter((f) => isPastDue(f, today) && !superseded.has(f.id))
    .sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : a.id < b.id ? -1 : 1))
    .map((f) => ({
      factId: f.id,
      due: f.due!,
      text: f.ko,
      sources: f.sources.map((id) => {
        const s = corpus.sources.get(id)!;
        return { id, publisher: s.publisher, date: s.date, ...(s.url ? { url: s.url } : {}) };
      }),
    }));
}
