/**
 * What kind of answer a question wants (a date, a count, an amount, a definition, someone, a reason,
 * the original plan, what comes next, how something turned out), from the lexicon's question
 * patterns, and what a fact's statement gives of those.
 */
import type { IntentName } from '../corpus/schema.ts';
import type { Lexicon } from '../analysis/lexicon.ts';

export type Intent = IntentName;

/** The intents a question's (normalised) text shows, in the lexicon's order. */
export function intents(norm: string, lex: Lexicon): Intent[] {
  return lex.questions.intents.filter(([, re]) => re.test(norm)).map(([i]) => i);
}

/** Which intents a fact's statement can satisfy: a date, a count, an amount of money, a reason. */
export function gives(text: string, lex: Lexicon): Set<Intent> {
  return new Set(lex.questions.gives.filter(([, re]) => re.test(text)).map(([i]) => i));
}
