// Validates the corpus, lints its citations and checks the question classifier and the examples' stored
// analyses were made from today's examples;
// prints a summary, or every problem with file, line, fact and field.
import { CorpusError, formatIssue, loadCorpus } from '../src/corpus/load.ts';
import { lintCorpus } from '../src/corpus/lint.ts';
import { classifierStale } from '../src/search/classifier.ts';
import { exampleAnalysesStale } from '../src/search/example-analyses.ts';

try {
  const c = loadCorpus(process.argv[2] ?? 'corpus');
  const lint = lintCorpus(c);
  if (lint.length > 0) {
    console.error(`corpus: ${lint.length} citation problem${lint.length === 1 ? '' : 's'}\n${lint.map(formatIssue).join('\n')}`);
    process.exitCode = 1;
  } else if (classifierStale(c)) {
    console.error('corpus: classifier.json was trained on other example questions, aliases or lexicon words than these: run npm run train and commit it');
    process.exitCode = 1;
  } else if (exampleAnalysesStale(c)) {
    console.error('corpus: example-analyses.json differs from what analysing the example questions gives now: run npm run train and commit it');
    process.exitCode = 1;
  } else {
    console.log(`corpus ok: ${c.facts.length} facts, ${c.topics.length} topics, ${c.sources.size} sources, ${c.aliases.length} alias groups, ${c.facts.reduce((n, f) => n + f.examples.length, 0)} example questions`);
  }
} catch (e) {
  if (!(e instanceof CorpusError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
