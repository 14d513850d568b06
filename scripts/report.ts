/**
 * `npm run report`: what curators should fix next, from the question log (answer rate, volume per
 * day, the most asked unanswered questions grouped by meaning, facts with 👎, the most asked facts).
 * `npm run report -- --help` for options. The logic is in runtime/report/.
 */
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../src/index.ts';
import { loadLexicon } from '../src/corpus/load.ts';
import { processIO, runReport } from '../runtime/report/cli.ts';

const dir = process.env.CORPUS_DIR || DEFAULT_CORPUS_DIR;
process.exitCode = runReport(process.argv.slice(2), processIO(() => loadCorpus(dir), () => loadLexicon(DEFAULT_CORPUS_DIR)));
