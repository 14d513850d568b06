/**
 * Surgical corpus edits for curators: the yaml Document API finds where a fact, an alias group or a
 * list sits, and the change is spliced into the file's text there, so every comment, blank line,
 * quote style and folded statement elsewhere stays exactly as it was. Each edit is validated by
 * loading the whole corpus; an edit that breaks it is undone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { CorpusError, loadCorpus, type Corpus } from '../../src/corpus/load.ts';

export class EditError extends Error {
  constructor(message: string, readonly code: 'unknown-fact' | 'unknown-group' | 'duplicate' | 'invalid') {
    super(message);
    this.name = 'EditError';
  }
}

/** A YAML scalar for a list item: plain when that is safe, else double-quoted (JSON escapes are YAML escapes). */
function scalar(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text) ? text : JSON.stringify(text);
}

/** The map item of a top-level list whose `id` is `id`. */
function findEntry(items: readonly unknown[], id: string): YAMLMap | undefined {
  return items.find((it): it is YAMLMap => isMap(it) && it.get('id') === id);
}

function pairOf(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<unknown, unknown> | undefined;
}

/** The end offset of a pair's value (where its last character ends). */
function valueEnd(pair: Pair<unknown, unknown>): number {
  const v = pair.value as Node | null;
  return v?.range?.[1] ?? (pair.key as Node).range![1];
}

/** The start of the line holding `offset`. */
const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
/** The indentation (in spaces) of the line holding `offset`. */
const indentAt = (text: string, offset: number) => /^ */.exec(text.slice(lineStart(text, offset)))![0].length;

/** Edits one file through `change`, then checks the corpus still loads; undoes the edit if not. */
function editFile(corpusDir: string, file: string, change: (text: string) => string): Corpus {
  const before = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, change(before));
  try {
    return loadCorpus(corpusDir);
  } catch (e) {
    fs.writeFileSync(file, before);
    throw new EditError(e instanceof CorpusError ? e.message : (e as Error).message, 'invalid');
  }
}

/** Adds `item` to the list under `key` of `map` (a block list, a flow list, or a new block list after `after`). */
function addToList(text: string, map: YAMLMap, key: string, item: string, after: string[], flowForNew: boolean): string {
  const pair = pairOf(map, key);
  const value = pair?.value as Node | undefined;
  if (pair && isSeq(value) && value.flow) {
    // [a, b] → [a, b, item]: before the closing bracket.
    const close = text.lastIndexOf(']', value.range![1]);
    const empty = value.items.length === 0;
    return `${text.slice(0, close)}${empty ? '' : ', '}${scalar(item)}${text.slice(close)}`;
  }
  if (pair && isSeq(value) && value.items.length > 0) {
    const last = value.items.at(-1) as Node;
    const end = last.range![1];
    const indent = indentAt(text, (last.range![0]));
    return `${text.slice(0, end)}\n${' '.repeat(indent)}- ${scalar(item)}${text.slice(end)}`;
  }
  // No list yet: a new key after the first of `after` the map has (or its last pair).
  const anchor = after.map((k) => pairOf(map, k)).find(Boolean) ?? (map.items.at(-1) as Pair<unknown, unknown>);
  const end = valueEnd(anchor);
  const indent = indentAt(text, (anchor.key as Node).range![0]);
  const block = flowForNew ? `${' '.repeat(indent)}${key}: [${scalar(item)}]` : `${' '.repeat(indent)}${key}:\n${' '.repeat(indent + 2)}- ${scalar(item)}`;
  const lineEnd = text.indexOf('\n', end);
  const at = lineEnd === -1 ? text.length : lineEnd;
  return `${text.slice(0, at)}\n${block}${text.slice(at)}`;
}

function factFile(corpus: Corpus, factId: string): string {
  const origin = corpus.origin.get(factId);
  if (!origin) throw new EditError(`unknown fact id "${factId}" (see npm run ask -- --topics and --fact)`, 'unknown-fact');
  return path.resolve(origin.file);
}

/** Attaches `question` to the fact's example questions: it is answered by that fact from then on. */
export function attachExample(corpusDir: string, corpus: Corpus, factId: string, question: string): Corpus {
  const file = factFile(corpus, factId);
  const owner = corpus.facts.find((f) => f.examples.includes(question));
  if (owner) throw new EditError(`"${question}" is already an example of ${owner.id}`, 'duplicate');
  return editFile(corpusDir, file, (text) => {
    const entry = findEntry((parseDocument(text).contents as { items: unknown[] }).items, factId)!;
    return addToList(text, entry, 'examples', question, ['keywords', 'en'], false);
  });
}

/** Marks `question` a near-miss of the fact (its `nearMisses:`): about it, but asking what no source states. */
export function attachNearMiss(corpusDir: string, corpus: Corpus, factId: string, question: string): Corpus {
  const file = factFile(corpus, factId);
  const owner = corpus.facts.find((f) => f.nearMisses.includes(question) || f.examples.includes(question));
  if (owner) throw new EditError(`"${question}" is already ${owner.examples.includes(question) ? 'an example' : 'a near-miss'} of ${owner.id}`, 'duplicate');
  return editFile(corpusDir, file, (text) => {
    const entry = findEntry((parseDocument(text).contents as { items: unknown[] }).items, factId)!;
    return addToList(text, entry, 'nearMisses', question, ['examples', 'keywords', 'en'], false);
  });
}

/** Adds a word people use for this fact to its keywords. */
export function addKeyword(corpusDir: string, corpus: Corpus, factId: string, word: string): Corpus {
  const file = factFile(corpus, factId);
  if (corpus.facts.find((f) => f.id === factId)!.keywords.includes(word)) throw new EditError(`"${word}" is already a keyword of ${factId}`, 'duplicate');
  return editFile(corpusDir, file, (text) => {
    const entry = findEntry((parseDocument(text).contents as { items: unknown[] }).items, factId)!;
    return addToList(text, entry, 'keywords', word, ['en'], true);
  });
}

/** Adds a term to an alias group (루닛 = Lunit = …): it means that concept everywhere from then on. */
export function addAliasTerm(corpusDir: string, corpus: Corpus, groupId: string, term: string): Corpus {
  const dir = path.join(corpusDir, 'aliases');
  const file = fs
    .readdirSync(dir)
    .map((f) => path.join(dir, f))
    .find((f) => findEntry((parseDocument(fs.readFileSync(f, 'utf8')).contents as { items?: unknown[] })?.items ?? [], groupId));
  if (!file) throw new EditError(`unknown alias group "${groupId}"`, 'unknown-group');
  return editFile(corpusDir, file, (text) => {
    const entry = findEntry((parseDocument(text).contents as { items: unknown[] }).items, groupId)!;
    return addToList(text, entry, 'terms', term, [], true);
  });
}

const OUT_OF_SCOPE_HEADER = `# Questions curators marked out of scope: the bot answers "not found" to them and to close rewordings,
# and npm run eval scores them as abstentions. Added by npm run curate (or by hand).
`;

/** Marks a question out of scope (corpus/out-of-scope.yaml), with the date and an optional note. */
export function markOutOfScope(corpusDir: string, corpus: Corpus, question: string, today: string, note?: string): Corpus {
  if (corpus.outOfScope.includes(question)) throw new EditError(`"${question}" is already marked out of scope`, 'duplicate');
  const file = path.join(corpusDir, 'out-of-scope.yaml');
  if (!fs.existsSync(file)) fs.writeFileSync(file, OUT_OF_SCOPE_HEADER);
  return editFile(corpusDir, file, (text) => {
    const entry = [`- q: ${JSON.stringify(question)}`, ...(note ? [`  note: ${JSON.stringify(note)}`] : []), `  added: ${today}`].join('\n');
    return `${text.endsWith('\n') || text === '' ? text : `${text}\n`}${entry}\n`;
  });
}

/** Appends a new fact (YAML text of one list item, as a curator wrote it) to a fact file, created if new. */
export function appendFact(corpusDir: string, file: string, factYaml: string): Corpus {
  const created = !fs.existsSync(file);
  if (created) fs.writeFileSync(file, '');
  try {
    return editFile(corpusDir, file, (text) => `${text ? `${text.replace(/\n*$/, '\n')}\n` : ''}${factYaml.replace(/\n*$/, '\n')}`);
  } catch (e) {
    if (created) fs.rmSync(file, { force: true });
    throw e;
  }
}
