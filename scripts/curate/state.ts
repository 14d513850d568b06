/**
 * What the curator has dealt with, so an item is not offered again: `curated.json` beside the
 * question log (in the log's folder, or the folder given with --db; --state FILE elsewhere). A JSON
 * file rather than a table in the log: the logs are the bot's (one per replica, opened read-only
 * here, and a folder of them is read as every *.db in it), while this is the curator's.
 *
 * An entry names the question's wordings (their surface keys) and when it was curated. An item
 * whose wordings meet an entry's is hidden if it was last asked (or 👎'd) before that moment: a fix
 * that did not work brings the question back when it is asked again. "Dismissed" hides it for good.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const CuratedAction = z.enum(['attached', 'near-miss', 'out-of-scope', 'new-fact', 'keyword', 'alias', 'dismissed']);
export type CuratedAction = z.infer<typeof CuratedAction>;

const Entry = z.object({
  /** The wording shown to the curator. */
  question: z.string(),
  /** Surface keys (runtime/report/group.ts) of every wording of the item. */
  surfaces: z.array(z.string()).min(1),
  action: CuratedAction,
  factId: z.string().optional(),
  /** When (ISO 8601). */
  at: z.string(),
});
export type CuratedEntry = z.infer<typeof Entry>;

const StateFile = z.object({ version: z.literal(1), curated: z.array(Entry) });

export const STATE_FILE = 'curated.json';

export class StateError extends Error {}

/** curated.json in the first log's folder (or in the folder named). */
export function stateFileFor(dbs: readonly string[]): string {
  const first = dbs[0] ?? 'data/questions.db';
  const isDir = fs.statSync(first, { throwIfNoEntry: false })?.isDirectory() ?? false;
  return path.join(isDir ? first : path.dirname(first), STATE_FILE);
}

/** The entries; none when the file is absent. Throws StateError when it is not a state file. */
export function loadState(file: string): CuratedEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StateError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new StateError(`${file} is not valid JSON (${(e as Error).message}); move it aside to start afresh`);
  }
  const parsed = StateFile.safeParse(json);
  if (!parsed.success) throw new StateError(`${file} is not a curator state file (${z.prettifyError(parsed.error).split('\n')[0]}); move it aside to start afresh`);
  return parsed.data.curated;
}

/** Adds an entry; the file is replaced whole (written aside, then renamed) so it is never half-written. */
export function recordCurated(file: string, entry: CuratedEntry): void {
  const entries = [...loadState(file), entry];
  const tmp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(tmp, `${JSON.stringify({ version: 1, curated: entries }, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/** True when an entry covers the item: they share a wording, and it was curated after the item was last seen (or dismissed). */
export function isCurated(item: { surfaces: readonly string[]; last: string }, entries: readonly CuratedEntry[]): boolean {
  return entries.some((e) => e.surfaces.some((s) => item.surfaces.includes(s)) && (e.action === 'dismissed' || item.last <= e.at));
}
