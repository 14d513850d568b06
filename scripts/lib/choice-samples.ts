/**
 * What the learned choice among a follow-up's readings (src/answer/thread-choice.ts) learns from: each
 * later turn of the dev follow-up conversations that the choice weighs, its candidates' features and
 * which of them the labels call right. The conversations are read as the rules read them (an engine
 * without the weights), so that what it learns from does not depend on what it learned.
 */
import { NOT_FOUND, type Sample } from '../../src/answer/thread-choice.ts';
import type { Engine } from '../../src/engine.ts';
import type { Turn } from '../../src/types.ts';
import type { EvalConversation } from './eval-set.ts';

export function choiceSamples(engine: Pick<Engine, 'ask' | 'threadCandidates'>, conversations: readonly EvalConversation[]): Sample[] {
  const samples: Sample[] = [];
  for (const c of conversations) {
    let previous: Turn | undefined;
    for (const t of c.turns) {
      const { answer, candidates } = previous ? engine.threadCandidates(t.q, previous) : { answer: engine.ask(t.q) };
      if (candidates && !t.gap) {
        // "Not found" (a candidate only where the rules found nothing) is right for a turn no fact
        // answers, and for one whose facts no reading found (answering it could only be wrong).
        const found = candidates.some((x) => t.expect.includes(x.id));
        samples.push({ features: candidates.map((x) => x.features), right: candidates.map((x) => (x.id === NOT_FOUND ? !found : t.expect.includes(x.id))) });
      }
      if (answer.turn) previous = answer.turn;
    }
  }
  return samples;
}
