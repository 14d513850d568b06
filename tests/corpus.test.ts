import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../src/analysis/analyzer.ts';
import { nameKey as aliasKey } from '../src/analysis/normalize.ts';
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../src/index.ts';
import { commonEnglishYaml } from '../scripts/lib/common-english.ts';

const corpus = loadCorpus(DEFAULT_CORPUS_DIR);
const SOURCES_DIR = path.join(DEFAULT_CORPUS_DIR, '../../shared/sources');

describe('the corpus as shipped', () => {
  it.runIf(fs.existsSync(SOURCES_DIR))('cites every source file in shared/sources at least once, and lists no other', () => {
    const files = fs.readdirSync(SOURCES_DIR).filter((f) => /^\d+-.*\.md$/.test(f));
    const listed = new Set([...corpus.sources.values()].map((s) => s.file));
    const cited = new Set(corpus.facts.flatMap((f) => f.sources).map((id) => corpus.sources.get(id)!.file));
    expect(files.filter((f) => !listed.has(f))).toEqual([]);
    expect([...listed].filter((f) => !files.includes(f))).toEqual([]);
    expect(files.filter((f) => !cited.has(f))).toEqual([]);
  });

  it('lexicon/common-english.yaml is what scripts/common-english.ts makes of SUBTLEX-US (regenerate it, never edit it)', () => {
    expect(fs.readFileSync(path.join(DEFAULT_CORPUS_DIR, 'lexicon/common-english.yaml'), 'utf8')).toBe(commonEnglishYaml());
    expect(corpus.lexicon['common-english'].words.slice(0, 3)).toEqual(['you', 'the', 'to']);
  });

  it('every fact cites sources that exist, with dates that parse, as of no later than today', () => {
    for (const f of corpus.facts) {
      for (const s of f.sources) expect(corpus.sources.has(s), `${f.id} cites ${s}`).toBe(true);
      expect(Number.isNaN(Date.parse(f.asOf)), f.id).toBe(false);
      expect(new Date(f.asOf).toISOString().slice(0, 10), f.id).toBe(f.asOf); // no 2026-02-30
      if (f.event) expect(Number.isNaN(Date.parse(f.event.date)), f.id).toBe(false);
    }
    for (const [id, s] of corpus.sources) expect(new Date(s.date).toISOString().slice(0, 10), id).toBe(s.date);
  });

  it('no two facts say the same thing, and no alias term belongs to two groups', () => {
    const statements = corpus.facts.flatMap((f) => [f.ko, f.en].map((t) => t.replace(/\s+/g, ' ').trim()));
    expect(new Set(statements).size).toBe(statements.length);
    const owner = new Map<string, string>();
    for (const g of corpus.aliases) {
      for (const t of g.terms) {
        const prev = owner.get(aliasKey(t));
        expect(prev === undefined || prev === g.id, `${t} in ${prev} and ${g.id}`).toBe(true);
        owner.set(aliasKey(t), g.id);
      }
    }
  });

  it('every topic has facts, its lead fact is its own, and supersedes point back in time', () => {
    const byId = new Map(corpus.facts.map((f) => [f.id, f]));
    for (const t of corpus.topics) {
      expect(corpus.facts.some((f) => f.topic === t.id), t.id).toBe(true);
      if (t.lead) expect(byId.get(t.lead)?.topic, `${t.id} lead`).toBe(t.id);
    }
    for (const f of corpus.facts) for (const old of f.supersedes) expect(byId.get(old)!.asOf <= f.asOf, `${f.id} supersedes ${old}`).toBe(true);
  });
});

describe("the shipped aliases and lexicon read people's words", () => {
  const analyzer = new Analyzer(corpus.aliases, corpus.lexicon);
  const heads = (text: string) => analyzer.units(text).map((u) => u.tokens[0]);

  it.each([
    ["why did korea's biggest internet portal get cut?", '~naver'],
    ['what did the science minister say?', '~bae-kyung-hoon'],
    ['who threw their hat in?', '~apply'],
    ['의과학 특화모델 데이터는?', '~lunit'],
  ])('%s names %s (a description or a casual wording)', (text, concept) => expect(heads(text)).toContain(concept));

  it.each([
    ['안내한다', '~korea'],
    ['인정하지 않았다', '~select'],
    ['조정하고 있다', '~select'],
    ['2.5 trillion won', '~select'],
  ])('%s does not name %s (a term inside another word, or won the currency)', (text, concept) => expect(heads(text)).not.toContain(concept));

  it('chat interjections and 줌 are no words of the question (wait, so Lunit bid too?; GPU 몇 장 줌?)', () => {
    expect(heads('wait, honestly, huh')).toEqual([]);
    expect(heads('GPU 몇 장 줌?')).not.toContain('줌');
  });
});
