/**
 * Answers to actions on the last answer in a thread: all its sources, the same answer in the other
 * language, or more facts about it (the ones that rank next for the last question).
 */
import type { Corpus } from '../corpus/load.ts';
import type { Answer, Lang, Turn } from '../types.ts';
import { citer } from './cite.ts';

/** At most this many facts in an answer given again (the best and two related, as composed). */
const MAX_ANSWERS = 3;

type Fact = Corpus['facts'][number];

/**
 * What "more" adds after `answered`: the rest of its article first (facts sharing one of its sources:
 * people asking for more want the rest of the story), then its topic's other facts, each in the order
 * of `ranked` (then the corpus's own), leaving out the facts already shown.
 */
export function moreAbout(answered: Fact | undefined, ranked: readonly Fact[], all: readonly Fact[], shown: ReadonlySet<string>, n: number): string[] {
  const sources = new Set(answered?.sources ?? []);
  const sameSource = (f: Fact) => f.sources.some((s) => sources.has(s));
  const next = [...ranked, ...all].filter((f) => !shown.has(f.id));
  const ids = [...next.filter(sameSource), ...next.filter((f) => !sameSource(f) && f.topic === answered?.topic)].map((f) => f.id);
  return [...new Set(ids)].slice(0, n);
}

export function createFollowUpAnswers(corpus: Corpus) {
  const { item } = citer(corpus);
  const facts = new Map(corpus.facts.map((f) => [f.id, f]));

  return {
    /** The last answer again: with every source shown (`sources`), or in `lang` (`language`). */
    again(question: string, prev: Turn, kind: 'sources' | 'language', lang: Lang): Answer {
      const ids = prev.factIds.filter((id) => facts.has(id)).slice(0, kind === 'sources' ? 1 : MAX_ANSWERS);
      const answers = ids.map((id) => item(facts.get(id)!, lang));
      return { question, lang, answered: answers.length > 0, answers, followUp: { kind }, turn: { ...prev, lang } };
    },
    /** More about the last answer: `ids`, the facts that rank next for the last question. */
    more(question: string, prev: Turn, ids: string[]): Answer {
      const answers = ids.filter((id) => facts.has(id)).map((id) => item(facts.get(id)!, prev.lang));
      // The facts just shown lead the turn (what "in English" or "sources" then acts on); the ones
      // shown before stay in it, so a further "more" does not repeat them.
      const shown = answers.map((a) => a.factId);
      return { question, lang: prev.lang, answered: answers.length > 0, answers, followUp: { kind: 'more' }, turn: { ...prev, factIds: [...shown, ...prev.factIds.filter((id) => !shown.includes(id))] } };
    },
  };
}
