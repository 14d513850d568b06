// Validates the corpus and prints a summary, or every problem with file, line, fact and field.
import { CorpusError, loadCorpus } from '../src/corpus/load.ts';

try {
  const c = loadCorpus(process.argv[2] ?? 'corpus');
  console.log(`corpus ok: ${c.facts.length} facts, ${c.topics.length} topics, ${c.sources.size} sources, ${c.aliases.length} alias groups`);
} catch (e) {
  if (!(e instanceof CorpusError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
