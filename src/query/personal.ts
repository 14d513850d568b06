import type { Lexicon } from '../analysis/lexicon.ts';

/** True when the (normalised) message is addressed to the bot itself: 너 누구야, who made you, are you GPT? */
export function isPersonal(norm: string, lex: Lexicon): boolean {
  return lex.questions.personal?.test(norm) ?? false;
}
