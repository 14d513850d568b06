import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * One evaluation question: `expect` lists the facts that answer it (any one first counts); empty
 * means "must abstain". Blind sets also say what kind of item it is (a near-miss names our
 * programmes but asks what no source states; a gap is answerable from the sources but not the
 * corpus), and keep the writer's expected answer and sources for audit.
 */
export const EvalQuestion = z.strictObject({
  q: z.string(),
  expect: z.array(z.string()),
  kind: z.enum(['answer', 'out-of-scope', 'near-miss', 'gap']).optional(),
  lang: z.enum(['ko', 'en', 'mixed']).optional(),
  answer: z.string().optional(),
  source: z.array(z.string()).optional(),
  note: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestion> & { file: string };

/** Dev sets: tuned on. */
export const EVAL_DIR = path.join(import.meta.dirname, '../../tests/eval');
/** Blind sets: written from the sources alone, scored before and after a change, never tuned on. */
export const BLIND_DIR = path.join(import.meta.dirname, '../../tests/eval-blind');

/** The questions curators marked out of scope (corpus/out-of-scope.yaml), scored as abstentions with the dev sets. */
export function curatedOutOfScope(corpus: { outOfScope: readonly string[] }): EvalQuestion[] {
  return corpus.outOfScope.map((q) => ({ q, expect: [], kind: 'out-of-scope', file: 'corpus/out-of-scope.yaml' }));
}

/** Every question in tests/eval/*.yaml, in file order. */
export function loadEvalSet(dir = EVAL_DIR): EvalQuestion[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('followups'))
    .sort()
    .flatMap((f) => {
      const parsed = z.array(EvalQuestion).safeParse(parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${f}: ${z.prettifyError(parsed.error)}`);
      return parsed.data.map((q) => ({ ...q, file: f }));
    });
}

/** One turn of a conversation: a message and the facts that answer it, read in the thread. */
export const EvalTurn = z.strictObject({
  q: z.string(),
  expect: z.array(z.string()),
  kind: z.enum(['entity-swap', 'attribute-swap', 'sources', 'language', 'more', 'self-contained']).optional(),
  answer: z.string().optional(),
  source: z.array(z.string()).optional(),
  note: z.string().optional(),
  gap: z.boolean().optional(),
});
export const EvalConversation = z.strictObject({ lang: z.enum(['ko', 'en', 'mixed']).optional(), turns: z.array(EvalTurn).min(2) });
export type EvalConversation = z.infer<typeof EvalConversation> & { file: string };

/** Every conversation in `dir`/followups*.yaml (threads of two or three turns). */
export function loadConversations(dir: string): EvalConversation[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^followups.*\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => {
      const parsed = z.array(EvalConversation).safeParse(parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${f}: ${z.prettifyError(parsed.error)}`);
      return parsed.data.map((c) => ({ ...c, file: f }));
    });
}
