/**
 * The learned choice among a follow-up's readings (src/answer/thread-choice.ts): its features, its
 * training (deterministic, on the hash of what it learned from), its use in a thread on the fixture
 * corpus (weights that favour another reading change the answer, and explain() shows why), and the
 * shipped corpus/thread-choice.json never stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { choiceTrainingHash, FEATURES, NOT_FOUND, trainChoice, weightsOf, type Sample } from '../src/answer/thread-choice.ts';
import { CorpusError, createEngine, DEFAULT_CORPUS_DIR, loadCorpus } from '../src/index.ts';
import type { ThreadChoiceFile } from '../src/corpus/schema.ts';
import type { Answer, Turn } from '../src/types.ts';
import { choiceSamples } from '../scripts/lib/choice-samples.ts';
import { EVAL_DIR, loadConversations } from '../scripts/lib/eval-set.ts';
import { fixtureCorpus, writeCorpus } from './helpers/tmp-corpus.ts';

const fixture = loadCorpus(fixtureCorpus('rules-corpus'));
const TODAY = () => '2026-12-06';

/** A weights file that weighs only the named features. */
function weighing(weights: Record<string, number>): ThreadChoiceFile {
  return { trainedOn: '0'.repeat(64), options: { iterations: 1, learningRate: 1, l2: 0 }, samples: 0, features: Object.keys(weights), weights: Object.values(weights) };
}

function thread(engine: ReturnType<typeof createEngine>, ...messages: string[]): { answers: Answer[]; previous: Turn[] } {
  let previous: Turn | undefined;
  const before: Turn[] = [];
  const answers = messages.map((m) => {
    if (previous) before.push(previous);
    const a = engine.askInThread(m, previous);
    if (a.turn) previous = a.turn;
    return a;
  });
  return { answers, previous: before };
}
const top = (a: Answer) => (a.answered ? a.answers[0]!.factId : undefined);

describe('the choice among a follow-up\'s readings', () => {
  it("weighs each fact the readings find: the rules' own choice stands under weights that favour it, another reading's fact answers under weights that favour that", () => {
    const rules = createEngine(fixture, { today: TODAY });
    // 그럼 카이스트는? swaps the team: the rules answer with KAIST's budget.
    expect(top(thread(rules, '루닛 사업비 얼마야?', '그럼 카이스트는?').answers[1]!)).toBe('kaist-budget');
    const keepsRules = createEngine({ ...fixture, threadChoice: weighing({ 'thread:rules': 5 }) }, { today: TODAY });
    expect(top(thread(keepsRules, '루닛 사업비 얼마야?', '그럼 카이스트는?').answers[1]!)).toBe('kaist-budget');
    // Weights against the rules' choice (a poor choice, on purpose) make the next fact the message finds answer.
    const against = createEngine({ ...fixture, threadChoice: weighing({ 'thread:rules': -5, 'alone:rank': 1 }) }, { today: TODAY });
    const { answers, previous } = thread(against, '루닛 사업비 얼마야?', '그럼 카이스트는?');
    expect(top(answers[1]!)).toBe('kaist-model-name');
    const x = against.explain('그럼 카이스트는?', previous[0]);
    expect(x.thread).toMatchObject({ chosen: 'kaist-model-name', reading: 'alone' });
    expect(x.thread!.candidates[0]).toMatchObject({ id: 'kaist-model-name', score: 0.5 });
    expect(x.thread!.candidates.find((c) => c.id === 'kaist-budget')!.score).toBe(-4);
    expect(x.decision).toMatchObject({ answered: true, factId: 'kaist-model-name' });
  });

  it('weighs "not found" too where the rules find nothing for a message leaning on the thread: it stays unless weights favour a fact', () => {
    const rules = createEngine(fixture, { today: TODAY });
    // 몇 명? after Lunit's budget: the rules find no fact that counts people.
    expect(thread(rules, '루닛 사업비 얼마야?', '몇 명?').answers[1]!.answered).toBe(false);
    const ids = rules.threadCandidates('몇 명?', rules.ask('루닛 사업비 얼마야?').turn!).candidates!.map((c) => c.id);
    expect(ids).toContain(NOT_FOUND);
    const keepsNone = createEngine({ ...fixture, threadChoice: weighing({ 'thread:none': 5, 'merged:rank': 1 }) }, { today: TODAY });
    expect(thread(keepsNone, '루닛 사업비 얼마야?', '몇 명?').answers[1]!.answered).toBe(false);
    const answers = createEngine({ ...fixture, threadChoice: weighing({ 'thread:none': -5, 'merged:rank': 1 }) }, { today: TODAY });
    const { answers: said, previous } = thread(answers, '루닛 사업비 얼마야?', '몇 명?');
    expect(top(said[1]!)).toBe(ids[0]);
    expect(answers.explain('몇 명?', previous[0]).thread).toMatchObject({ chosen: ids[0] });
    // Noise in a thread is not a question: nothing is weighed for it.
    expect(rules.threadCandidates('asdf qwer zxcv', rules.ask('루닛 사업비 얼마야?').turn!).candidates).toBeUndefined();
    // A message that alone names nothing ("어디서?") is still a question of the thread: weighed.
    const where = rules.threadCandidates('어디서?', rules.ask('소버린 AI가 뭐야?').turn!);
    expect(where.answer.answered).toBe(false);
    expect(where.candidates!.map((c) => c.id)).toEqual(expect.arrayContaining(['glossary-sovereign-ai', NOT_FOUND]));
  });

  it('leaves a question asked alone, an action on the last answer and a whole question the rules do not merge as the rules answer them', () => {
    const against = createEngine({ ...fixture, threadChoice: weighing({ 'thread:rules': -5, 'alone:rank': 1 }) }, { today: TODAY });
    const rules = createEngine(fixture, { today: TODAY });
    expect(top(against.ask('루닛 사업비 얼마야?'))).toBe('lunit-budget');
    const sources = thread(against, '루닛 사업비 얼마야?', '출처 더 보여줘').answers[1]!;
    expect(sources.followUp).toEqual({ kind: 'sources' });
    expect(top(sources)).toBe('lunit-budget');
    const whole = 'How many GPUs does each selected team of the specialized programme receive?';
    expect(top(thread(against, '루닛 사업비 얼마야?', whole).answers[1]!)).toBe(top(thread(rules, '루닛 사업비 얼마야?', whole).answers[1]!));
  });

  /** What the rules answer `last` with, the candidates weighed for `message` after it, and a candidate's feature by name. */
  function weighed(last: string, message: string) {
    const rules = createEngine(fixture, { today: TODAY });
    const previous = rules.ask(last);
    const found = rules.threadCandidates(message, previous.turn!).candidates!;
    return { previous, found, feature: (id: string, name: string) => found.find((c) => c.id === id)!.features[FEATURES.indexOf(name)]! };
  }

  it("weighs how much of the message and of the last question each candidate covers, whichever reading found it", () => {
    const { feature } = weighed('루닛 사업비 얼마야?', '그럼 카이스트는?');
    // KAIST's budget has the message's 카이스트 and the last question's 사업비; KAIST's model name only 카이스트.
    expect(feature('kaist-budget', 'thread:own')).toBe(1);
    expect(feature('kaist-model-name', 'thread:own')).toBe(1);
    expect(feature('kaist-budget', 'thread:lastCovered')).toBeGreaterThan(0.4);
    expect(feature('kaist-model-name', 'thread:lastCovered')).toBe(0);
    expect(feature('kaist-budget', 'thread:lastCovered|entity-swap')).toBe(feature('kaist-budget', 'thread:lastCovered'));
  });

  it("reads the message with the parties of the last answer too, not only of the last question: a fact only that reading finds is weighed", () => {
    const { previous, found } = weighed('what is the model called?', 'when is it released?');
    // The question named no party; its answer is KAIST's model.
    expect(top(previous)).toBe('kaist-model-name');
    const onlyByAnswer = found.filter((c) => c.reading?.name === 'answer');
    expect(onlyByAnswer.map((c) => c.id)).toEqual(expect.arrayContaining(['kaist-budget']));
    for (const c of onlyByAnswer) {
      expect(c.features[FEATURES.indexOf('answer:in')]).toBe(1);
      expect(c.features[FEATURES.indexOf('alone:in')]).toBe(0);
    }
  });

  it("reads the message with the last answer's keywords too: the facts that share them rank first in that reading", () => {
    const { previous, feature } = weighed('who pays the gpu rent?', 'how much?');
    expect(top(previous)).toBe('gpu-rent');
    // Its keywords (임차, rent): the rent's fact ranks first; the GPUs per team, found by other readings, not at all.
    expect(feature('gpu-rent', 'keywords:rank')).toBe(1);
    expect(feature('gpu-per-team', 'keywords:in')).toBe(0);
    expect(feature('gpu-per-team', 'all:in')).toBe(1);
  });

  it("reads the message alone among the facts of the last answer's topic and article, the last answer left out", () => {
    const { previous, feature } = weighed('루닛 사업비 얼마야?', '언제 선정됐어?');
    expect(top(previous)).toBe('lunit-budget');
    expect(feature('selection', 'near:in')).toBe(1);
    expect(feature('selection', 'near:rank')).toBe(feature('selection', 'alone:rank'));
    expect(feature('lunit-budget', 'near:in')).toBe(0);
  });

  it("reads the message alone among the facts of the last answer's programme", () => {
    const { feature } = weighed('루닛 사업비 얼마야?', '평가 결과는?');
    // Lunit's budget is the specialized programme's: its evaluation, not dokpamo's round result.
    expect(feature('evaluation-points', 'scope:in')).toBe(1);
    expect(feature('dokpamo-round1-result', 'alone:in')).toBe(1);
    expect(feature('dokpamo-round1-result', 'scope:in')).toBe(0);
  });

  it('has one feature per reading and rule, per relation to the last answer, and per shape of the message, by name', () => {
    expect(new Set(FEATURES).size).toBe(FEATURES.length);
    expect(FEATURES).toContain('alone:evidence');
    expect(FEATURES).toContain('subject:classifier');
    expect(FEATURES).toContain('thread:topic');
    expect(FEATURES).toContain('merged:rank|pronoun');
    // A file's weights are read by name: an unknown feature weighs nothing, a missing one nothing.
    const w = weightsOf(weighing({ 'thread:rules': 2, 'no-such-feature': 9 }));
    expect(w[FEATURES.indexOf('thread:rules')]).toBe(2);
    expect([...w].filter((v) => v !== 0)).toEqual([2]);
  });

});

describe('training the choice', () => {
  // Turns of three candidates; the right one has the first feature set, the others noise on the second.
  const f = (a: number, b: number) => Float64Array.from(FEATURES, (_, i) => (i === 0 ? a : i === 1 ? b : 0));
  const samples: Sample[] = Array.from({ length: 20 }, (_, k) => ({ features: [f(0, k % 3), f(1, 0), f(0, 1)], right: [false, true, false] }));

  it('learns weights that put the right candidate first, the same every time, with the hash of what it learned from', () => {
    const file = trainChoice(samples);
    expect(JSON.stringify(trainChoice(samples))).toBe(JSON.stringify(file));
    expect(file.trainedOn).toBe(choiceTrainingHash(samples));
    expect(file.samples).toBe(20);
    const w = weightsOf(file);
    expect(w[0]).toBeGreaterThan(0);
    expect(w[0]).toBeGreaterThan(w[1]!);
    expect(choiceTrainingHash(samples.slice(1))).not.toBe(file.trainedOn);
  });

  it('learns nothing from turns none of whose candidates is right', () => {
    expect(trainChoice([{ features: [f(1, 0)], right: [false] }]).samples).toBe(0);
  });
});

describe('corpus/thread-choice.json', () => {
  it('is read with the corpus when present, and a broken one fails with the file and field named', () => {
    const dir = writeCorpus();
    expect(loadCorpus(dir).threadChoice).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'thread-choice.json'), JSON.stringify({ ...weighing({ 'thread:rules': 1 }), weights: [] }));
    expect(() => loadCorpus(dir)).toThrow(CorpusError);
    expect(() => loadCorpus(dir)).toThrow(/thread-choice\.json: field weights: one weight per feature; run npm run train/);
  });

  it('as shipped was trained on what the rules find today for the dev follow-up conversations (else: npm run train)', () => {
    const corpus = loadCorpus(DEFAULT_CORPUS_DIR);
    expect(corpus.threadChoice, 'corpus/thread-choice.json is missing: npm run train').toBeDefined();
    const { threadChoice, ...withoutIt } = corpus;
    const samples = choiceSamples(createEngine(withoutIt), loadConversations(EVAL_DIR));
    expect(threadChoice!.trainedOn, 'corpus/thread-choice.json is stale: run npm run train and commit it').toBe(choiceTrainingHash(samples, threadChoice!.options));
    expect(threadChoice!.features).toEqual([...FEATURES]);
  }, 60_000);
});
