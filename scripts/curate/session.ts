/**
 * One curator's session over a corpus folder: each change is made by edit.ts (validated, undone if
 * it breaks the corpus), followed by the eval's before/after line, and remembered in the state file
 * so the item is not offered again. The command-line options and the interactive walk both use it.
 */
import { classifierStale } from '../../src/search/classifier.ts';
import { exampleAnalysesStale } from '../../src/search/example-analyses.ts';
import { trainCorpus, trainThreadChoice } from '../lib/train.ts';
import type { Writable } from 'node:stream';
import { createEngine, type Engine } from '../../src/engine.ts';
import { loadCorpus, type Corpus } from '../../src/corpus/load.ts';
import { surfaceKey } from '../../runtime/report/group.ts';
import { addAliasTerm, addKeyword, appendFact, attachExample, attachNearMiss, markOutOfScope } from './edit.ts';
import { evalChange } from './eval-line.ts';
import { recordCurated, type CuratedAction } from './state.ts';

/** What a change is about: its question and every wording of it (for the state file). */
export interface Subject {
  question: string;
  surfaces?: readonly string[];
}

export class Session {
  private built: Engine | undefined;

  constructor(
    readonly corpusDir: string,
    public corpus: Corpus,
    private readonly out: Writable,
    /** Where curated items are remembered; undefined when there is no question log to curate from. */
    readonly stateFile: string | undefined,
    private readonly now: () => Date = () => new Date(),
    readonly today: () => string = () => now().toISOString().slice(0, 10),
  ) {}

  /** The engine on the current corpus, built when first needed. */
  get engine(): Engine {
    return (this.built ??= createEngine(this.corpus));
  }

  /** `question` answered by `factId` from now on. Throws EditError (unknown fact, already attached, invalid). */
  attach(subject: Subject, factId: string): void {
    this.apply(attachExample(this.corpusDir, this.corpus, factId, subject.question.trim()), `attached to ${factId}: ${subject.question.trim()}`);
    this.remember(subject, 'attached', factId);
  }

  /** `question` refused from now on as a near-miss of `factId` (about it, asking what no source states). */
  nearMiss(subject: Subject, factId: string): void {
    this.apply(attachNearMiss(this.corpusDir, this.corpus, factId, subject.question.trim()), `marked a near-miss of ${factId}: ${subject.question.trim()}`);
    this.remember(subject, 'near-miss', factId);
  }

  outOfScope(subject: Subject, note?: string): void {
    this.apply(markOutOfScope(this.corpusDir, this.corpus, subject.question.trim(), this.today(), note || undefined), `marked out of scope: ${subject.question.trim()}`);
    this.remember(subject, 'out-of-scope');
  }

  /** A word added to a fact's keywords; remembered when it changed what the question gets. */
  keyword(subject: Subject, factId: string, word: string): void {
    this.refine(subject, () => addKeyword(this.corpusDir, this.corpus, factId, word), `added "${word}" to the keywords of ${factId}`, 'keyword', factId);
  }

  /** A term added to an alias group; remembered when it changed what the question gets. */
  alias(subject: Subject, groupId: string, term: string): void {
    this.refine(subject, () => addAliasTerm(this.corpusDir, this.corpus, groupId, term), `added "${term}" to the alias group ${groupId}`, 'alias');
  }

  /** A new fact (one YAML list item) appended to `file`. */
  newFact(subject: Subject, file: string, factYaml: string, factId: string): void {
    this.apply(appendFact(this.corpusDir, file, factYaml), `added the fact ${factId} to ${file}`);
    this.remember(subject, 'new-fact', factId);
  }

  /** Never offer this item again. */
  dismiss(subject: Subject): void {
    this.remember(subject, 'dismissed');
  }

  /** What the engine answers to the question now (a fact id), or null. */
  answerNow(question: string): string | null {
    const a = this.engine.ask(question);
    return a.answered ? a.answers[0]!.factId : null;
  }

  private refine(subject: Subject, change: () => Corpus, message: string, action: CuratedAction, factId?: string): void {
    const before = this.answerNow(subject.question);
    this.apply(change(), message);
    const after = this.answerNow(subject.question);
    this.out.write(`now: ${after ? `answered by ${after}` : 'not answered'}${after === before ? ' (unchanged)' : ''}\n`);
    if (after !== before) this.remember(subject, action, factId ?? after ?? undefined);
  }

  /** The corpus after a change: the eval line, and the engine rebuilt on it. */
  private apply(changed: Corpus, message: string): void {
    this.out.write(`${message}\n`);
    // The classifier learns from the examples (and the aliases and lexicon they are read with), and
    // the index reads their stored analyses: both made again when they changed. The choice among a
    // follow-up's readings learns from what the engine finds, which any change moves: always.
    let after: Corpus;
    if (classifierStale(changed) || exampleAnalysesStale(changed)) {
      const trained = trainCorpus(this.corpusDir);
      this.out.write(`trained the classifier again on ${trained.examples} example questions, and the choice among follow-ups' readings (${trained.seconds.toFixed(1)} s)\n`);
      after = trained.corpus;
    } else {
      const started = performance.now();
      trainThreadChoice(this.corpusDir);
      after = loadCorpus(this.corpusDir);
      this.out.write(`trained the choice among follow-ups' readings again (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    }
    const engine = createEngine(after);
    printEval(this.engine, engine, this.out);
    this.corpus = after;
    this.built = engine;
  }

  private remember(subject: Subject, action: CuratedAction, factId?: string): void {
    if (!this.stateFile) return;
    const surfaces = subject.surfaces?.length ? [...subject.surfaces] : [surfaceKey(subject.question) || subject.question];
    try {
      recordCurated(this.stateFile, { question: subject.question, surfaces, action, ...(factId ? { factId } : {}), at: this.now().toISOString() });
    } catch (e) {
      // The change is made and validated; only the reminder is lost, so say so and go on.
      this.out.write(`curate: could not record this in ${this.stateFile} (${(e as Error).message}); it may be offered again\n`);
    }
  }
}

/** Prints the eval's before/after line and the dev questions whose answer changed. */
function printEval(before: Corpus | Engine, after: Corpus | Engine, out: Writable): void {
  const change = evalChange(before, after);
  out.write(`${change.line}\n`);
  for (const c of change.changed.slice(0, 20)) out.write(`  [${c.file}] ${c.q}: ${c.before} → ${c.after}\n`);
  if (change.changed.length > 20) out.write(`  … and ${change.changed.length - 20} more\n`);
}
