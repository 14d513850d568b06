/** Citations and answer items: a fact in the question's language with every source that states it. */
import type { Corpus } from '../corpus/load.ts';
import type { Fact } from '../corpus/schema.ts';
import type { AnswerItem, Citation, Lang } from '../types.ts';

export function citer(corpus: Corpus) {
  function cite(sourceId: string): Citation {
    const s = corpus.sources.get(sourceId)!;
    return {
      sourceId,
      title: s.title,
      publisher: s.publisher,
      ...(s.author ? { author: s.author } : {}),
      date: s.date,
      ...(s.dateNote ? { dateNote: s.dateNote } : {}),
      ...(s.url ? { url: s.url } : {}),
    };
  }

  function item(f: Fact, lang: Lang, score = 0): AnswerItem {
    return {
      factId: f.id,
      topic: f.topic,
      text: f[lang],
      score: Math.round(score * 1000) / 1000,
      asOf: f.asOf,
      kind: f.kind,
      sources: f.sources.map(cite),
    };
  }

  return { cite, item };
}
