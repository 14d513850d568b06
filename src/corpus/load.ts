import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isNode, isScalar, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { nameKey } from '../analysis/normalize.ts';
import { readFast } from './fast-yaml.ts';
import { AliasFile, ClassifierFile, ExampleAnalysesFile, FactFile, LexiconFiles, OutOfScopeFile, SourceFile, ThreadChoiceFile, TopicFile, type AliasGroup, type Fact, type LexiconData, type Source, type Topic } from './schema.ts';

/** The validated corpus: what the engine indexes. */
export interface Corpus {
  sources: ReadonlyMap<string, Source>;
  topics: readonly Topic[];
  aliases: readonly AliasGroup[];
  facts: readonly Fact[];
  /** The word lists of corpus/lexicon/: stopwords, endings, spellings, question words, counters, programmes. */
  lexicon: LexiconData;
  /** Questions curators marked out of scope (corpus/out-of-scope.yaml; none when the file is absent). */
  outOfScope: readonly string[];
  /** Where each fact is defined, for error messages and curators. */
  origin: ReadonlyMap<string, { file: string; line: number }>;
  /** The question classifier learned from the examples (corpus/classifier.json, `npm run train`); none when the file is absent. */
  classifier?: ClassifierFile;
  /** The example questions' analyses for the index (corpus/example-analyses.json, `npm run train`); none when the file is absent. */
  exampleAnalyses?: ExampleAnalysesFile;
  /** The weights that choose a follow-up's answer among its readings' facts (thread-choice.json, `npm run train`); none when the file is absent. */
  threadChoice?: ThreadChoiceFile;
}

/** One problem in a corpus file, precise enough to fix without searching. */
export interface CorpusIssue {
  file: string;
  line?: number;
  factId?: string;
  /** The entry when it is not a fact: `topic programme`, `alias group gpu`. */
  entry?: string;
  field?: string;
  message: string;
}

export class CorpusError extends Error {
  readonly code = 'CORPUS_INVALID';
  constructor(readonly issues: CorpusIssue[]) {
    super(`Corpus: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'CorpusError';
  }
}

/** `file:line: fact <id>, field <path>: message` — the format every corpus error is shown in. */
export function formatIssue(i: CorpusIssue): string {
  const where = i.line ? `${i.file}:${i.line}` : i.file;
  const subject = [i.factId && `fact ${i.factId}`, i.entry, i.field && `field ${i.field}`].filter(Boolean).join(', ');
  return `  ${where}: ${subject ? subject + ': ' : ''}${i.message}`;
}

/** YAML aliases one file may expand; more is a resource-exhaustion attack ("billion laughs"), not a corpus. */
const MAX_ALIAS_COUNT = 100;

/** Free-text fields, where an unquoted " #" silently cuts the text. */
const TEXT_FIELDS = new Set(['ko', 'en', 'title', 'dateNote', 'note', 'notes']);

interface Parsed<T> {
  file: string;
  data: T;
  /** The 1-based line of the deepest node that exists along a path (for messages). */
  line(p: (string | number)[]): number | undefined;
}

const rel = (f: string) => path.relative(process.cwd(), f) || f;

/** Reads and validates one YAML file; problems go to `issues` (with file, line and field) and undefined is returned. */
function parse<S extends z.ZodType>(issues: CorpusIssue[], file: string, schema: S, entry?: string): Parsed<z.output<S>> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    issues.push({ file: rel(file), message: `cannot read: ${(e as Error).message}` });
    return undefined;
  }
  // Most files take the fast read (fast-yaml.ts); anything unusual, or invalid, is read in full below.
  const fast = readFast(text);
  const quick = fast && schema.safeParse(fast.data);
  if (fast && quick?.success) {
    let full: Parsed<unknown>['line'] | undefined;
    const item = (p: (string | number)[]) => (p.length === 1 && typeof p[0] === 'number' ? fast.itemLines[p[0]] : undefined);
    return { file: rel(file), data: quick.data, line: (p) => item(p) ?? (full ??= linesOf(text))(p) };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      issues.push({ file: rel(file), line: err.linePos?.[0].line, message: `bad YAML: ${err.message.split('\n')[0]}` });
    }
    return undefined;
  }
  // An unquoted statement is cut at " #" (YAML reads the rest as a comment): "PR #21733" would lose its number.
  visit(doc, {
    Pair(_, pair, ancestors) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (TEXT_FIELDS.has(key) && isScalar(pair.value) && pair.value.type === 'PLAIN' && pair.value.comment !== undefined) {
        const line = pair.value.range ? lines.linePos(pair.value.range[0]).line : undefined;
        const owner = ancestors.at(-1);
        const id = isMap(owner) ? owner.get('id') : undefined;
        const where = typeof id === 'string' ? (entry ? { entry: `${entry} ${id}` } : { factId: id }) : {};
        issues.push({ file: rel(file), line, ...where, field: key, message: `the text after " #" is read as a YAML comment and lost; quote the value` });
      }
    },
  });
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? [];
  } catch (e) {
    issues.push({ file: rel(file), line: firstAliasLine(doc, lines), message: `too many YAML aliases (${(e as Error).message})` });
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const p = issue.path as (string | number)[];
      issues.push({
        file: rel(file),
        line: lineOf(doc, lines, p),
        ...(entry ? { entry: idAt(raw, p) && `${entry} ${idAt(raw, p)}` } : { factId: idAt(raw, p) }),
        field: fieldPath(p) || undefined,
        message: issue.message,
      });
    }
    return undefined;
  }
  return { file: rel(file), data: result.data, line: (p) => lineOf(doc, lines, p) };
}


/** The lexicon files under `dir/lexicon/`, each parsed and validated. */
function parseLexicon(issues: CorpusIssue[], dir: string) {
  return Object.entries(LexiconFiles).map(([name, schema]) => {
    const file = path.join(dir, 'lexicon', name);
    if (!fs.existsSync(file)) {
      issues.push({ file: rel(file), message: 'missing lexicon file (every corpus needs the files of corpus/lexicon/)' });
      return undefined;
    }
    const parsed = parse(issues, file, schema as z.ZodType, 'lexicon');
    return parsed && ([name.replace(/\.yaml$/, ''), parsed] as const);
  });
}

function lexiconOf(parsed: ReturnType<typeof parseLexicon>): LexiconData {
  return Object.fromEntries(parsed.filter((x) => x !== undefined).map(([k, p]) => [k, p.data])) as LexiconData;
}

/** Only the lexicon of the corpus under `dir` (for tools that need the analyzer without the facts); throws CorpusError. */
export function loadLexicon(dir: string): LexiconData {
  const issues: CorpusIssue[] = [];
  const parsed = parseLexicon(issues, dir);
  if (issues.length > 0) throw new CorpusError(issues);
  return lexiconOf(parsed);
}

/** Reads and validates every corpus file under `dir`; throws CorpusError listing all problems. */
export function loadCorpus(dir: string): Corpus {
  const issues: CorpusIssue[] = [];
  const sourcesFile = parse(issues, path.join(dir, 'sources.yaml'), SourceFile);
  const topicFiles = [path.join(dir, 'topics.yaml'), ...yamlFiles(path.join(dir, 'topics'))].map((f) => parse(issues, f, TopicFile, 'topic'));
  const aliasFiles = yamlFiles(path.join(dir, 'aliases')).map((f) => parse(issues, f, AliasFile, 'alias group'));
  const factFiles = yamlFiles(path.join(dir, 'facts')).map((f) => parse(issues, f, FactFile));
  if (factFiles.length === 0) issues.push({ file: rel(path.join(dir, 'facts')), message: 'no fact files found' });

  const outOfScopePath = path.join(dir, 'out-of-scope.yaml');
  const outOfScopeFile = fs.existsSync(outOfScopePath) ? parse(issues, outOfScopePath, OutOfScopeFile) : undefined;
  const lexiconParsed = parseLexicon(issues, dir);
  const lexicon = lexiconOf(lexiconParsed);

  const sources = new Map(Object.entries(sourcesFile?.data ?? {}));
  if (sourcesFile) {
    for (const [id, s] of sources) {
      if (`${id}.md` !== s.file) {
        issues.push({ file: sourcesFile.file, line: sourcesFile.line([id, 'file']), entry: `source ${id}`, field: 'file', message: `source id must be the file name without .md (expected ${id}.md)` });
      }
    }
  }

  const topics: Topic[] = [];
  const topicIds = new Set<string>();
  for (const parsed of topicFiles) {
    if (!parsed) continue;
    parsed.data.forEach((t, i) => {
      if (t.id === 'timeline' || topicIds.has(t.id)) {
        issues.push({ file: parsed.file, line: parsed.line([i, 'id']), entry: `topic ${t.id}`, field: 'id', message: t.id === 'timeline' ? 'topic id "timeline" is reserved' : `duplicate topic id ${t.id}` });
      }
      topicIds.add(t.id);
      topics.push(t);
    });
  }
  const topicsOk = topicFiles.every(Boolean);

  const facts: Fact[] = [];
  const origin = new Map<string, { file: string; line: number }>();
  const statements = new Map<string, string>();
  for (const parsed of factFiles) {
    if (!parsed) continue;
    // An emptied file (a bad merge, a truncated save) would silently drop its facts: refuse it.
    if (parsed.data.length === 0) issues.push({ file: parsed.file, message: 'no facts in this file (delete the file to remove its facts on purpose)' });
    parsed.data.forEach((fact, i) => {
      const at = (...p: (string | number)[]) => parsed.line([i, ...p]);
      const problem = (field: string, message: string, p: (string | number)[] = [field]) =>
        issues.push({ file: parsed.file, line: at(...p), factId: fact.id, field, message });
      const prior = origin.get(fact.id);
      if (prior) problem('id', `duplicate fact id (first defined at ${prior.file}:${prior.line})`);
      else origin.set(fact.id, { file: parsed.file, line: at() ?? 1 });
      if (topicsOk && !topicIds.has(fact.topic)) problem('topic', `unknown topic "${fact.topic}" (not in topics.yaml)`);
      if (fact.event?.source && !fact.sources.includes(fact.event.source)) problem('event.source', `"${fact.event.source}" is not one of the fact's sources`, ['event', 'source']);
      if (fact.due && fact.kind !== 'plan') problem('due', 'only a plan has a due date (set kind: plan, or drop due)');
      fact.sources.forEach((s, j) => {
        if (sourcesFile && !sources.has(s)) problem(`sources[${j}]`, `unknown source "${s}" (not in sources.yaml)`, ['sources', j]);
      });
      for (const lang of ['ko', 'en'] as const) {
        const key = `${lang}:${fact[lang].replace(/\s+/g, ' ')}`;
        const twin = statements.get(key);
        if (twin) problem(lang, `same statement as fact ${twin}`);
        else statements.set(key, fact.id);
      }
      facts.push(fact);
    });
  }
  for (const fact of facts) {
    fact.supersedes.forEach((s, j) => {
      if (!origin.has(s)) {
        const o = origin.get(fact.id)!;
        issues.push({ file: o.file, line: o.line, factId: fact.id, field: `supersedes[${j}]`, message: `unknown fact "${s}"` });
      }
    });
  }

  const aliases: AliasGroup[] = [];
  const termOwner = new Map<string, string>();
  const groupIds = new Set<string>();
  for (const parsed of aliasFiles) {
    if (!parsed) continue;
    parsed.data.forEach((group, i) => {
      if (groupIds.has(group.id)) issues.push({ file: parsed.file, line: parsed.line([i, 'id']), entry: `alias group ${group.id}`, field: 'id', message: `duplicate alias group id ${group.id}` });
      groupIds.add(group.id);
      group.terms.forEach((term, j) => {
        const key = nameKey(term);
        const owner = termOwner.get(key);
        if (owner && owner !== group.id) {
          issues.push({ file: parsed.file, line: parsed.line([i, 'terms', j]), entry: `alias group ${group.id}`, field: `terms[${j}]`, message: `alias "${term}" is already in group ${owner}` });
        }
        termOwner.set(key, group.id);
      });
      aliases.push(group);
    });
  }

  for (const parsed of aliasFiles) {
    if (!parsed) continue;
    parsed.data.forEach((group, i) => {
      group.broader.forEach((b, j) => {
        if (!groupIds.has(b)) issues.push({ file: parsed.file, line: parsed.line([i, 'broader', j]), entry: `alias group ${group.id}`, field: `broader[${j}]`, message: `unknown alias group "${b}"` });
      });
    });
  }

  // The programmes named in topics and alias groups, and the groups the lexicon refers to, must exist.
  const programmesEntry = lexiconParsed.find((x) => x?.[0] === 'programmes')?.[1];
  if (programmesEntry) {
    const p = lexicon.programmes;
    const at = (...k: (string | number)[]) => programmesEntry.line(k);
    const known = new Set(Object.keys(p.programmes));
    if (!known.has(p.home)) issues.push({ file: programmesEntry.file, line: at('home'), field: 'home', message: `unknown programme "${p.home}"` });
    // The line only when there is a problem: finding it may read the file in full.
    const group = (id: string, where: (string | number)[], field: string) => {
      if (groupIds.size > 0 && !groupIds.has(id)) issues.push({ file: programmesEntry.file, line: at(...where), field, message: `unknown alias group "${id}"` });
    };
    for (const [name, { markers }] of Object.entries(p.programmes)) markers.forEach((m, j) => group(m, ['programmes', name, 'markers', j], `programmes.${name}.markers[${j}]`));
    group(p.nameAttribute, ['nameAttribute'], 'nameAttribute');
    for (const parsed of topicFiles) {
      parsed?.data.forEach((t, i) => {
        if (t.scope !== 'general' && !known.has(t.scope)) issues.push({ file: parsed.file, line: parsed.line([i, 'scope']), entry: `topic ${t.id}`, field: 'scope', message: `unknown programme "${t.scope}" (general or one of lexicon/programmes.yaml)` });
      });
    }
    for (const parsed of aliasFiles) {
      parsed?.data.forEach((g, i) => {
        if (g.programme && !known.has(g.programme)) issues.push({ file: parsed.file, line: parsed.line([i, 'programme']), entry: `alias group ${g.id}`, field: 'programme', message: `unknown programme "${g.programme}" (one of lexicon/programmes.yaml)` });
      });
    }
  }

  const classifier = readTrained(issues, path.join(dir, 'classifier.json'), ClassifierFile);
  const exampleAnalyses = readTrained(issues, path.join(dir, 'example-analyses.json'), ExampleAnalysesFile);
  const threadChoice = readTrained(issues, path.join(dir, 'thread-choice.json'), ThreadChoiceFile);

  if (issues.length > 0) throw new CorpusError(issues);
  const corpus: Corpus = { sources, topics, aliases, facts, lexicon, outOfScope: outOfScopeFile?.data.map((e) => e.q) ?? [], origin };
  if (classifier) corpus.classifier = classifier;
  if (exampleAnalyses) corpus.exampleAnalyses = exampleAnalyses;
  if (threadChoice) corpus.threadChoice = threadChoice;
  return corpus;
}

/** A file `npm run train` writes (classifier.json, example-analyses.json, thread-choice.json) when present, validated (it is JSON, not YAML). */
function readTrained<T>(issues: CorpusIssue[], file: string, schema: z.ZodType<T>): T | undefined {
  if (!fs.existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    issues.push({ file: rel(file), message: `not valid JSON (${(e as Error).message}); run npm run train` });
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const i of parsed.error.issues.slice(0, 5)) issues.push({ file: rel(file), field: i.path.join('.'), message: `${i.message}; run npm run train` });
  return undefined;
}


function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function firstAliasLine(doc: Document, lines: LineCounter): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.range) line = lines.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

/** Lines in a file the fast read took, read in full when a message needs one. */
function linesOf(text: string): (p: (string | number)[]) => number | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  return (p) => lineOf(doc, lines, p);
}

/** The 1-based line of the deepest node that exists along `p`. */
function lineOf(doc: Document, lines: LineCounter, p: (string | number)[]): number | undefined {
  for (let n = p.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(p.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function idAt(raw: unknown, p: (string | number)[]): string | undefined {
  if (!Array.isArray(raw) || typeof p[0] !== 'number') return undefined;
  const item = raw[p[0]] as { id?: unknown } | undefined;
  return typeof item?.id === 'string' ? item.id : undefined;
}

function fieldPath(p: (string | number)[]): string {
  const rest = typeof p[0] === 'number' ? p.slice(1) : p;
  return rest.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}
