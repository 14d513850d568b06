/**
 * A new fact drafted in the curator's $EDITOR: a template with the question as its first example,
 * the topic and sources of the best candidate filled in and every topic and source listed in
 * comments; what comes back is checked here (one fact, a new id, a known topic), then appended to
 * the topic's fact file by edit.ts, which validates the whole corpus.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parse } from 'yaml';
import type { Corpus } from '../../src/corpus/load.ts';

export interface DraftContext {
  question: string;
  count: number;
  /** The best candidate's fact id (its topic and sources prefill the draft). */
  nearest?: string;
  today: string;
}

const q = (s: string) => JSON.stringify(s);

export function draftTemplate(corpus: Corpus, c: DraftContext): string {
  const near = c.nearest ? corpus.facts.find((f) => f.id === c.nearest) : undefined;
  const sources = [...corpus.sources.entries()].sort((a, b) => (a[1].date < b[1].date ? 1 : a[1].date > b[1].date ? -1 : a[0] < b[0] ? -1 : 1));
  const topics = corpus.topics.map((t) => t.id).join(', ');
  return [
    `# A new fact for ${q(c.question)} (asked ${c.count} time${c.count === 1 ? '' : 's'}).`,
    `# Fill in id, ko and en, check topic, sources and asOf; add keywords and more example questions.`,
    `# Save and quit to add it (it is validated first). Lines starting with # are dropped. Leave id empty to cancel.`,
    `# See corpus/README.md for the fields (kind: plan, due, event, supersedes).`,
    `#`,
    `# Topics: ${topics}`,
    `# Sources (id: publisher, date, title), newest first; cite the primary one first:`,
    ...sources.map(([id, s]) => `#   ${id}: ${s.publisher}, ${s.date}, ${s.title.replace(/\s+/g, ' ')}`),
    `- id:`,
    `  topic: ${near?.topic ?? ''}`,
    `  ko:`,
    `  en:`,
    `  keywords: []`,
    `  examples:`,
    `    - ${q(c.question)}`,
    `  sources: [${near?.sources[0] ?? ''}]`,
    `  asOf: ${c.today}`,
    ``,
  ].join('\n');
}

export type Draft = { kind: 'cancelled' } | { kind: 'error'; message: string } | { kind: 'fact'; id: string; file: string; yaml: string };

/** Reads what the curator saved: the fact's YAML without comment lines, and the file it goes into. */
export function readDraft(corpus: Corpus, corpusDir: string, text: string): Draft {
  const yaml = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .trim();
  if (!yaml) return { kind: 'cancelled' };
  let doc: unknown;
  try {
    doc = parse(yaml, { maxAliasCount: 0 });
  } catch (e) {
    return { kind: 'error', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  const items = Array.isArray(doc) ? doc : [doc];
  if (items.length !== 1 || !items[0] || typeof items[0] !== 'object') return { kind: 'error', message: 'expected one fact (a YAML list with one item: - id: …)' };
  const fact = items[0] as Record<string, unknown>;
  const id = typeof fact.id === 'string' ? fact.id.trim() : fact.id == null ? '' : String(fact.id);
  if (!id) return { kind: 'cancelled' };
  if (corpus.origin.has(id)) return { kind: 'error', message: `a fact with the id ${id} exists already (${corpus.origin.get(id)!.file}); choose another id` };
  const topic = String(fact.topic ?? '');
  if (!corpus.topics.some((t) => t.id === topic)) return { kind: 'error', message: `unknown topic "${topic}"; pick one of the topics listed at the top` };
  if (!Array.isArray(doc)) return { kind: 'error', message: 'write the fact as a list item (- id: …), as in the template' };
  return { kind: 'fact', id, file: factFileFor(corpus, corpusDir, topic), yaml };
}

/** The file holding most of the topic's facts (where a curator would look for them); facts/curated.yaml for a topic with none. */
export function factFileFor(corpus: Corpus, corpusDir: string, topic: string): string {
  const counts = new Map<string, number>();
  for (const f of corpus.facts) if (f.topic === topic) counts.set(corpus.origin.get(f.id)!.file, (counts.get(corpus.origin.get(f.id)!.file) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return best ?? path.join(corpusDir, 'facts', 'curated.yaml');
}

/**
 * Opens `file` in $VISUAL or $EDITOR (default vi) at the terminal and waits for it to close; the
 * event loop is blocked meanwhile, so nothing else reads the keyboard. False if it failed.
 */
export function openEditor(file: string, env: Record<string, string | undefined>): { ok: boolean; message?: string } {
  const editor = env.VISUAL || env.EDITOR || 'vi';
  // The editor may carry arguments (`code --wait`): run it through the shell, the file quoted.
  const r = spawnSync(`${editor} '${file.replace(/'/g, `'\\''`)}'`, { shell: true, stdio: 'inherit', env: env as NodeJS.ProcessEnv });
  if (r.error) return { ok: false, message: `cannot run the editor "${editor}": ${r.error.message}` };
  if (r.status !== 0) return { ok: false, message: `the editor "${editor}" exited with status ${r.status ?? r.signal}` };
  return { ok: true };
}
