/**
 * The question classifier learned from the example questions (src/search/classifier.ts): trained the
 * same every time, ranking with its own rule, read from corpus/classifier.json, and never stale in the
 * shipped corpus.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer, CorpusError, createEngine, DEFAULT_CORPUS_DIR, defaultOptions, loadCorpus } from '../src/index.ts';
import { classifierStale, createClassifier, train, trainingData, trainingHash } from '../src/search/classifier.ts';
import { fixtureCorpus, writeCorpus } from './helpers/tmp-corpus.ts';

const fixture = loadCorpus(fixtureCorpus('rules-corpus'));
const analyzer = new Analyzer(fixture.aliases, fixture.lexicon);
const data = trainingData(fixture, analyzer);
const trained = train(data);
const TODAY = '2026-12-06';

describe('the classifier', () => {
  it('is trained the same every time, on the hash of what it learned from', () => {
    expect(JSON.stringify(train(data))).toBe(JSON.stringify(trained));
    expect(trained.trainedOn).toBe(trainingHash(data));
    expect(trained.facts).toEqual([...new Set(fixture.facts.filter((f) => f.examples.length).map((f) => f.id))]);
  });

  it("gives the fact whose examples a question is worded like the highest probability, and a question it knows no word of nothing", () => {
    const classify = createClassifier(trained);
    const p = classify(data.find(([id]) => id === 'gpu-per-team')![1])!;
    const best = trained.facts.reduce((a, b) => (p(b) > p(a) ? b : a));
    expect(best).toBe('gpu-per-team');
    expect(trained.facts.reduce((sum, id) => sum + p(id), 0)).toBeCloseTo(1);
    expect(classify(['\u0000never'])).toBeUndefined();
    expect(p('no-such-fact')).toBe(0);
  });

  it('ranks by the rule classifier: 1 + knob × the probability, shown by explain() (1 without a trained file)', () => {
    const withIt = createEngine({ ...fixture, classifier: trained }, { today: () => TODAY });
    const without = createEngine(fixture, { today: () => TODAY });
    const factor = (e: typeof withIt) => e.explain('팀당 그래픽카드 몇 장 줘?').candidates.find((c) => c.id === 'gpu-per-team')!.rules.find((r) => r.rule === 'classifier')!.factor;
    expect(factor(withIt)).toBeGreaterThan(1.3);
    expect(factor(withIt)).toBeLessThanOrEqual(1 + defaultOptions.rank.rules.classifier);
    expect(factor(without)).toBe(1);
  });
});

describe('corpus/classifier.json', () => {
  it('is read with the corpus when present, and a broken one fails with the file and field named', () => {
    const dir = writeCorpus();
    expect(loadCorpus(dir).classifier).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'classifier.json'), JSON.stringify({ ...trained, bias: [1] }));
    expect(() => loadCorpus(dir)).toThrow(CorpusError);
    expect(() => loadCorpus(dir)).toThrow(/classifier\.json: field bias: bias needs one weight per fact; run npm run train/);
    fs.writeFileSync(path.join(dir, 'classifier.json'), '{ not json');
    expect(() => loadCorpus(dir)).toThrow(/classifier\.json: not valid JSON/);
  });

  it('is stale once an example changes (npm run corpus:check and the curator say so)', () => {
    const dir = fixtureCorpus('rules-corpus');
    fs.writeFileSync(path.join(dir, 'classifier.json'), JSON.stringify(trained));
    expect(classifierStale(loadCorpus(dir))).toBe(false);
    const file = path.join(dir, 'facts/facts.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"how many GPUs per team?"', '"how many GPUs per team?", "gpu count per team pls"'));
    expect(classifierStale(loadCorpus(dir))).toBe(true);
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-corpus.ts', dir], { encoding: 'utf8' });
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/classifier\.json was trained on other example questions.*run npm run train/);
  });

  it('as shipped was trained on the examples, aliases and lexicon of today (else: npm run train)', () => {
    const corpus = loadCorpus(DEFAULT_CORPUS_DIR);
    expect(corpus.classifier, 'corpus/classifier.json is missing: npm run train').toBeDefined();
    const hash = trainingHash(trainingData(corpus, new Analyzer(corpus.aliases, corpus.lexicon)), corpus.classifier!.options);
    expect(corpus.classifier!.trainedOn, 'corpus/classifier.json is stale: run npm run train and commit it').toBe(hash);
    expect(corpus.classifier!.facts.every((id) => corpus.facts.some((f) => f.id === id))).toBe(true);
  });
});
