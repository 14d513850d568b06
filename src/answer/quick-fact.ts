/** What `/fact` and `--fact` show: a fact by id, a topic's facts by id or name, or the timeline. */
import { nameKey } from '../analysis/normalize.ts';
import type { Corpus } from '../corpus/load.ts';
import { TIMELINE_TOPIC } from '../topic-search.ts';
import type { Answer, Lang, QuickFact, TimelineEvent } from '../types.ts';
import { citer } from './cite.ts';

const TIMELINE_NAMES = new Set([TIMELINE_TOPIC.id, ...TIMELINE_TOPIC.aliases].map(nameKey));

export function createQuickFacts(corpus: Corpus, ask: (q: string) => Answer, maxChars: number) {
  const { cite, item } = citer(corpus);
  const facts = new Map(corpus.facts.map((f) => [f.id, f]));

  /** Every dated event, oldest first, each cited to the source that states it. */
  function timeline(lang: Lang): TimelineEvent[] {
    return corpus.facts
      .filter((f) => f.event)
      .map((f) => ({ date: f.event!.date, text: f.event![lang], factId: f.id, source: cite(f.event!.source ?? f.sources[0]!) }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.factId < b.factId ? -1 : 1));
  }

  return function fact(query: string, lang: Lang): QuickFact | undefined {
    const raw = String(query ?? '').slice(0, maxChars).trim().toLowerCase();
    const key = nameKey(raw);
    if (!key) return undefined;
    if (TIMELINE_NAMES.has(key)) return { type: 'timeline', lang, events: timeline(lang) };
    // Ids have hyphens, which the name key drops: compare ids in the same form.
    const f = facts.get(raw) ?? corpus.facts.find((x) => nameKey(x.id) === key);
    if (f) return { type: 'fact', lang, item: item(f, lang) };
    const topic = corpus.topics.find((t) => nameKey(t.id) === key || [t.title.ko, t.title.en, ...t.aliases].some((name) => nameKey(name) === key));
    if (topic) {
      const items = corpus.facts.filter((x) => x.topic === topic.id).map((x) => item(x, lang));
      return { type: 'topic', lang, topic: { id: topic.id, title: topic.title[lang] }, items };
    }
    const answer = ask(query);
    if (answer.answered) return { type: 'fact', lang: answer.lang, item: answer.answers[0]! };
    return undefined;
  };
}
