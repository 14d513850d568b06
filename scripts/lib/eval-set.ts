import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** One evaluation question: `expect` lists the facts that answer it; empty means "must abstain". */
export const EvalQuestion = z.strictObject({ q: z.string(), expect: z.array(z.string()) });
export type EvalQuestion = z.infer<typeof EvalQuestion> & { file: string };

export const EVAL_DIR = path.join(import.meta.dirname, '../../tests/eval');

/** Every question in tests/eval/*.yaml, in file order. */
export function loadEvalSet(dir = EVAL_DIR): EvalQuestion[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => {
      const parsed = z.array(EvalQuestion).safeParse(parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${f}: ${z.prettifyError(parsed.error)}`);
      return parsed.data.map((q) => ({ ...q, file: f }));
    });
}
