/**
 * Parts of speech in an English question, from wink-nlp's English model: which words only frame or
 * describe what is asked (verbs, adjectives, adverbs: "supposed to house", "a weird one", "its
 * current name") and which name a thing (nouns, names, numbers). Korean verb forms are told apart by
 * their endings (korean.ts); English needs the word's part in its sentence.
 *
 * The model loads on first use (about 150 ms, once per process, synchronously so answers never
 * depend on timing); a question then takes some 30 µs.
 */
import { createRequire } from 'node:module';
import { stemEnglish } from './english.ts';

type Tagger = (text: string) => { word: string; pos: string }[];

let tagger: Tagger | undefined;

function loadTagger(): Tagger {
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (model: unknown, pipe: string[]) => WinkNlp;
  const nlp = winkNLP(require('wink-eng-lite-web-model'), ['pos']);
  return (text) => {
    const tokens = nlp.readDoc(text).tokens();
    const words = tokens.out(nlp.its.normal);
    const pos = tokens.out(nlp.its.pos);
    return words.map((word, i) => ({ word, pos: pos[i]! }));
  };
}

interface WinkNlp {
  readDoc(text: string): { tokens(): { out(what: unknown): string[] } };
  its: { normal: unknown; pos: unknown };
}

/** Parts of speech that frame or describe rather than name. */
const FRAMING = new Set(['VERB', 'ADJ', 'ADV']);

/**
 * The stems (as the analyzer makes them) of the English words of `text` that only frame or describe:
 * a word also used as a noun or a name in the same text is not one.
 */
export function framingWords(text: string): Set<string> {
  tagger ??= loadTagger();
  const framing = new Set<string>();
  const naming = new Set<string>();
  for (const { word, pos } of tagger(text)) {
    if (!/^[a-z]/.test(word)) continue;
    (FRAMING.has(pos) ? framing : naming).add(stemEnglish(word));
  }
  for (const t of naming) framing.delete(t);
  return framing;
}
