/**
 * Follow-up quality on conversations: each later turn is asked in the thread (the engine's own last
 * answer as context, as in Slack or Discord) and counts when its first answer is one the labels
 * expect, and, for actions, when it is the action asked for (all sources, the other language, more;
 * a "more" that asks something, "techbuzz said 250k tho?", also counts when its first answer is expected).
 * A self-contained turn also counts as unchanged when it gets the answer it gets alone.
 */
import type { Answer, Turn } from '../../src/types.ts';
import type { EvalConversation, EvalQuestion } from './eval-set.ts';

export interface FollowUpMetrics {
  turns: number;
  hit1: number;
  byKind: Record<string, { n: number; hit1: number }>;
  byLang: Record<string, { n: number; hit1: number }>;
  /** Self-contained later turns answered as they are alone. */
  unchanged: number;
  selfContained: number;
  /** The later turns missed, with the turn before and whether that one was answered right (for --misses). */
  misses: { before: string; beforeRight: boolean; q: string; kind: string; expect: string[]; got: string[] }[];
}

interface ThreadEngine {
  ask(q: string): Answer;
  askInThread(q: string, previous: Turn | undefined): Answer;
}

export function scoreConversations(conversations: EvalConversation[], engine: ThreadEngine): FollowUpMetrics {
  let turns = 0, hits = 0, unchanged = 0, selfContained = 0;
  const byKind: Record<string, { n: number; hit: number }> = {};
  const byLang: Record<string, { n: number; hit: number }> = {};
  const misses: FollowUpMetrics['misses'] = [];
  for (const c of conversations) {
    let previous: Turn | undefined;
    let previousLang: string | undefined;
    let previousRight = false;
    c.turns.forEach((t, i) => {
      const a = engine.askInThread(t.q, previous);
      const ids = a.answered ? a.answers.map((x) => x.factId) : [];
      if (i > 0 && !t.gap) {
        const kind = t.kind ?? 'self-contained';
        const top = a.answered ? a.answers[0]!.factId : undefined;
        const ok =
          kind === 'more'
            ? // "more" as an action shows the facts it adds; a "more" that asks something (techbuzz said 250k tho?) may be answered as a question.
              (a.followUp?.kind === 'more' && a.answers.some((x) => t.expect.includes(x.factId))) || (top !== undefined && t.expect.includes(top))
            : kind === 'sources'
              ? a.followUp?.kind === 'sources' && top !== undefined && t.expect.includes(top)
              : kind === 'language'
                ? a.followUp?.kind === 'language' && a.lang !== previousLang && top !== undefined && t.expect.includes(top)
                : top !== undefined && t.expect.includes(top);
        turns++;
        if (ok) hits++;
        else misses.push({ before: c.turns[i - 1]!.q, beforeRight: previousRight, q: t.q, kind, expect: t.expect, got: ids });
        const k = (byKind[kind] ??= { n: 0, hit: 0 });
        k.n++;
        if (ok) k.hit++;
        const l = (byLang[c.lang ?? 'ko'] ??= { n: 0, hit: 0 });
        l.n++;
        if (ok) l.hit++;
        if (kind === 'self-contained') {
          selfContained++;
          const alone = engine.ask(t.q);
          if ((alone.answered ? alone.answers[0]!.factId : undefined) === top) unchanged++;
        }
      }
      if (a.turn) {
        previous = a.turn;
        previousLang = a.lang;
      }
      previousRight = ids[0] !== undefined && t.expect.includes(ids[0]);
    });
  }
  const rate = (x: { n: number; hit: number }) => ({ n: x.n, hit1: x.n ? x.hit / x.n : 0 });
  return {
    turns,
    hit1: turns ? hits / turns : 0,
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, rate(v)])),
    byLang: Object.fromEntries(Object.entries(byLang).map(([k, v]) => [k, rate(v)])),
    unchanged: selfContained ? unchanged / selfContained : 1,
    selfContained,
    misses,
  };
}

export interface MidThreadMetrics {
  /** Questions asked after the one before them in their file (that one answered). */
  asked: number;
  /** Right alone, wrong in the thread. */
  broken: number;
  /** Wrong alone, right in the thread. */
  fixed: number;
  /** The broken ones, with the question before (for --misses). */
  misses: { before: string; q: string; alone: string; thread: string }[];
}

/**
 * Self-contained questions mid-thread: each question of a set asked in a thread after the question
 * before it in its file, which people do in Slack and Discord. A thread should never turn a right
 * answer wrong.
 */
export function scoreMidThread(questions: EvalQuestion[], engine: ThreadEngine): MidThreadMetrics {
  const top = (a: Answer) => (a.answered ? a.answers[0]!.factId : '');
  const m: MidThreadMetrics = { asked: 0, broken: 0, fixed: 0, misses: [] };
  for (let i = 1; i < questions.length; i++) {
    const before = questions[i - 1]!;
    const q = questions[i]!;
    if (before.file !== q.file || q.expect.length === 0) continue;
    const previous = engine.ask(before.q);
    if (!previous.turn) continue;
    m.asked++;
    const alone = top(engine.ask(q.q));
    const thread = top(engine.askInThread(q.q, previous.turn));
    if (alone === thread) continue;
    if (q.expect.includes(alone) && !q.expect.includes(thread)) {
      m.broken++;
      m.misses.push({ before: before.q, q: q.q, alone, thread: thread || '(not found)' });
    } else if (!q.expect.includes(alone) && q.expect.includes(thread)) m.fixed++;
  }
  return m;
}
