import { DEFAULT_CORPUS_DIR } from '../../src/index.ts';
import { loadLexicon } from '../../src/corpus/load.ts';

/** The project's lexicon (corpus/lexicon/), for tests that build an analyzer on their own aliases. */
export const LEXICON = loadLexicon(DEFAULT_CORPUS_DIR);
