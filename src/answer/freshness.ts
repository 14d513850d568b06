/**
 * Freshness: a plan is not a result. When the answer is a plan and the question asks how it turned
 * out, or the plan's due date has passed with no later fact superseding it, the answer says that
 * the sources hold no outcome yet, and how recent they are.
 */
import type { Fact } from '../corpus/schema.ts';
import type { ParsedQuestion } from '../query/parse.ts';
import type { Answer, Lang } from '../types.ts';

/** The last day a due date (YYYY-MM or YYYY-MM-DD) covers: a month is due until its end. */
function dueEnd(due: string): string {
  if (due.length === 10) return due;
  const [y, m] = due.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** A plan whose due date has passed by `today` (YYYY-MM-DD). */
export function isPastDue(f: Pick<Fact, 'kind' | 'due'>, today: string): boolean {
  return f.kind === 'plan' && f.due !== undefined && dueEnd(f.due) < today;
}

/** `today` is read only for a plan (reading the clock is a cost every other answer is spared). */
export function freshness(f: Fact, supersededBy: string | undefined, q: ParsedQuestion, knownUntil: string, today: () => string, lang: Lang): Answer['notice'] {
  if (f.kind !== 'plan' || supersededBy) return undefined;
  if (isPastDue(f, today())) {
    const text =
      lang === 'ko'
        ? `이 계획의 예정일(${f.due})이 지났지만, 결과는 제가 가진 자료(가장 최근 ${knownUntil})에 아직 없어요. 아래는 결과가 아니라 계획입니다.`
        : `This was planned for ${f.due}, which has passed, but the outcome is not in my sources yet (the newest is from ${knownUntil}). Below is the plan, not a result.`;
    return { kind: 'past-due', text, knownUntil, due: f.due };
  }
  if (q.intents.includes('outcome')) {
    const text =
      lang === 'ko'
        ? `결과는 제가 가진 자료(가장 최근 ${knownUntil})에 아직 없어요. 아래는 결과가 아니라 계획·일정입니다.`
        : `The outcome is not in my sources yet (the newest is from ${knownUntil}). Below is the plan, not a result.`;
    return { kind: 'outcome-unknown', text, knownUntil };
  }
  return undefined;
}
