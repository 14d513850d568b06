/**
 * What someone picked or typed in a topic field (Discord's `/fact topic:`): the topic id
 * autocomplete put there, a fact id, a topic typed without picking (matched as autocomplete
 * matches), else whatever the engine finds for the text.
 */
import type { Engine } from '../src/engine.ts';
import { searchTopics } from '../src/topic-search.ts';
import type { Lang, QuickFact } from '../src/types.ts';

export function lookupFact(engine: Engine, input: string, lang: Lang): QuickFact | undefined {
  const query = input.trim();
  const { topics, facts } = engine.corpus;
  const known = query === 'timeline' || topics.some((t) => t.id === query) || facts.some((f) => f.id === query) ? query : undefined;
  const target = known ?? searchTopics(topics, query, 1)[0]?.id;
  return (target !== undefined ? byId(engine, target, lang) : undefined) ?? engine.fact(query, lang);
}

/**
 * The engine's view of a topic id, fact id or `timeline`. A topic is also asked for by its title,
 * in case the engine does not take its id as written.
 */
function byId(engine: Engine, id: string, lang: Lang): QuickFact | undefined {
  const found = engine.fact(id, lang);
  const topic = engine.corpus.topics.find((t) => t.id === id);
  if (!topic || (found?.type === 'topic' && found.topic.id === id)) return found;
  const byTitle = engine.fact(topic.title[lang], lang);
  return byTitle?.type === 'topic' && byTitle.topic.id === id ? byTitle : found;
}
