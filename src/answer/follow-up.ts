/**
 * Answers to actions on the last answer in a thread: all its sources, the same answer in the other
 * language, or more facts about it (its related facts, then its topic's).
 */
import type { Corpus } from '../corpus/load.ts';
import type { Answer, Lang, Turn } from '../types.ts';
import { citer } from './cite.ts';

export function createFollowUpAnswers(corpus: Corpus, maxRelated: number) {
  const { item } = citer(corpus);
  const facts = new Map(corpus.facts.map((f) => [f.id, f]));

  return {
    /** The last answer again: with every source shown (`sources`), or in `lang` (`language`). */
    again(question: string, prev: Turn, kind: 'sources' | 'language', lang: Lang): Answer {
      const ids = (kind === 'sources' ? prev.factIds.slice(0, 1) : prev.factIds).filter((id) => facts.has(id));
      const answers = ids.map((id) => item(facts.get(id)!, lang));
      return { question, lang, answered: answers.length > 0, answers, followUp: { kind }, turn: { ...prev, lang } };
    },
    /** More about the last answer: its related facts not shown first, then its topic's other facts. */
    more(question: string, prev: Turn, lang: Lang): Answer {
      const best = facts.get(prev.factIds[0] ?? '');
      const shown = new Set(prev.factIds.slice(0, 1));
      const sameTopic = best ? corpus.facts.filter((f) => f.topic === best.topic).map((f) => f.id) : [];
      const ids = [...new Set([...prev.factIds.slice(1), ...sameTopic])].filter((id) => !shown.has(id) && facts.has(id)).slice(0, 1 + maxRelated);
      const answers = ids.map((id) => item(facts.get(id)!, lang));
      return { question, lang, answered: answers.length > 0, answers, followUp: { kind: 'more' }, turn: { ...prev, lang, factIds: [...prev.factIds.slice(0, 1), ...ids] } };
    },
  };
}
