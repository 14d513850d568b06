/**
 * Each ranking rule, filter and decision on a tiny fixture corpus (tests/fixtures/rules-corpus/),
 * not the live one: a rule's test turns its knob off (to 1 or 0) and shows the answer change, or
 * reads its factor from explain().
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, defaultOptions, loadCorpus, type EngineOptions } from '../src/index.ts';
import { fixtureCorpus } from './helpers/tmp-corpus.ts';

const corpus = loadCorpus(fixtureCorpus('rules-corpus'));
const TODAY = '2026-12-06';
const engine = createEngine(corpus, { today: () => TODAY });
type Knobs = EngineOptions['rank']['rules'];
/** The engine with one rule's knob changed. */
const withRule = (rule: keyof Knobs, value: number) =>
  createEngine(corpus, { today: () => TODAY, rank: { ...defaultOptions.rank, rules: { ...defaultOptions.rank.rules, [rule]: value } } });
const top = (e = engine, q: string) => {
  const a = e.ask(q);
  return a.answered ? a.answers[0]!.factId : undefined;
};
const factor = (q: string, id: string, rule: string) => engine.explain(q).candidates.find((c) => c.id === id)?.rules.find((r) => r.rule === rule)?.factor;

describe('rules', () => {
  it('coverage: the fact with more of the question ranks first, and the knob is its exponent', () => {
    expect(top(engine, '루닛 사업비')).toBe('lunit-budget');
    expect(factor('루닛 사업비', 'lunit-budget', 'coverage')).toBe(1);
    expect(factor('루닛 사업비', 'selection', 'coverage')).toBeLessThan(1);
  });

  it('bm25: blends the BM25 score relative to the best hit (0 leaves it out)', () => {
    expect(factor('GPU', 'gpu-per-team', 'bm25')).toBeGreaterThan(0);
    const off = withRule('bm25', 0);
    expect(off.explain('GPU').candidates.every((c) => c.rules.find((r) => r.rule === 'bm25')!.factor === 1)).toBe(true);
  });

  it('example: a question worded like a fact\'s example leans to it, and explain() shows the closest example', () => {
    const c = engine.explain('팀당 그래픽카드 몇 장 줘?').candidates.find((x) => x.id === 'gpu-per-team')!;
    expect(c.example?.text).toBe('팀당 그래픽카드 몇 장 줘?');
    expect(c.example?.sim).toBeCloseTo(1);
    expect(factor('팀당 그래픽카드 몇 장 줘?', 'gpu-per-team', 'example')).toBeCloseTo(1 + defaultOptions.rank.rules.example);
  });

  it('keywords: the question\'s words among the curated keywords raise a fact', () => {
    expect(factor('팀당 GPU', 'gpu-per-team', 'keywords')).toBeGreaterThan(1);
    expect(factor('팀당 GPU', 'gpu-national', 'keywords')).toBe(1);
  });

  it('intentGiven and intentUnmet: 언제 wants a date, 얼마 an amount', () => {
    expect(factor('루닛 사업비 얼마?', 'lunit-budget', 'intentGiven')).toBeGreaterThan(1);
    expect(factor('루닛 사업비 얼마?', 'selection', 'intentUnmet')).toBe(defaultOptions.rank.rules.intentUnmet);
    expect(factor('K-Fold 언제 공개돼?', 'kfold-release-plan', 'intentUnmet')).toBe(1);
  });

  it('who: asked who, a fact naming someone the question does not ranks up', () => {
    expect(factor('독파모 1차 평가 누가 통과했어?', 'dokpamo-round1-result', 'who')).toBeCloseTo(1 + defaultOptions.rank.rules.who);
  });

  it('whoUnmet: asked who, a fact naming no one the question does not already name is weaker evidence', () => {
    expect(factor('GPU 누가 줘?', 'gpu-start', 'whoUnmet')).toBe(defaultOptions.rank.rules.whoUnmet);
    expect(factor('누가 선정됐어?', 'selection', 'whoUnmet')).toBe(1);
    expect(factor('루닛 사업비 누가 정했어?', 'lunit-budget', 'whoUnmet')).toBe(defaultOptions.rank.rules.whoUnmet);
    expect(factor('GPU 언제부터 받아?', 'gpu-start', 'whoUnmet')).toBe(1);
  });

  it('planOnOutcome: asked how it turned out, a plan ranks below a result', () => {
    expect(factor('독파모 2차 평가 결과는?', 'dokpamo-round2-plan', 'planOnOutcome')).toBe(defaultOptions.rank.rules.planOnOutcome);
  });

  it('definition and lead: "X가 뭐야?" or a bare "X" is answered by the glossary entry that opens with X', () => {
    expect(top(engine, '소버린 AI가 뭐야?')).toBe('glossary-sovereign-ai');
    expect(factor('소버린 AI가 뭐야?', 'glossary-sovereign-ai', 'definition')).toBeCloseTo(1 + defaultOptions.rank.rules.definition);
    expect(factor('소버린 AI가 뭐야?', 'programme-sovereign-ai-mention', 'definition')).toBe(1);
    // A bare topic name ("GPU") is asked like "GPU가 뭐야?": its topic's lead.
    expect(top(engine, 'GPU')).toBe('gpu-per-team');
    expect(factor('GPU', 'gpu-per-team', 'definition')).toBeCloseTo(1 + defaultOptions.rank.rules.definition);
  });

  it("coverage: a preamble's words count only where the fact has them", () => {
    const c = engine.explain('GPU 얘기 정리 중인데요. 루닛 사업비 얼마야?').candidates.find((x) => x.id === 'lunit-budget')!;
    expect(c.coverage).toBe(1);
  });

  it('coverage: a round weighs less than the words it qualifies (the filters already make a fact agree with it)', () => {
    const covered = (e: typeof engine) => e.explain('2차 사업비?').candidates.find((x) => x.id === 'dokpamo-round2-plan')!.coverage;
    const roundsWeighFully = createEngine(corpus, { today: () => TODAY, rank: { ...defaultOptions.rank, coverage: { ...defaultOptions.rank.coverage, constraintWeight: 1 } } });
    expect(covered(engine)).toBeLessThan(0.3);
    expect(covered(roundsWeighFully)).toBeGreaterThan(0.5);
  });

  it('coverage: a number in a claim put to be checked weighs as a round does (the fact may correct it: 300억 맞아? It is 182억)', () => {
    const covered = (q: string) => engine.explain(q).candidates.find((x) => x.id === 'lunit-budget')!.coverage;
    expect(covered('루닛 사업비 300억 맞아?')).toBeGreaterThan(covered('루닛 사업비 300억?') + 0.15);
    expect(top(engine, '루닛 사업비 300억 맞아?')).toBe('lunit-budget');
    expect(top(engine, 'is it true lunit\'s budget is 30 billion won?')).toBe('lunit-budget');
  });

  it('coverage: a casual verb form (들어왔어) weighs at most verbFormMaxIdf, however rare facts make it', () => {
    const withCap = (cap: number) => createEngine(corpus, { today: () => TODAY, rank: { ...defaultOptions.rank, coverage: { ...defaultOptions.rank.coverage, verbFormMaxIdf: cap } } });
    const covered = (e: typeof engine) => e.explain('루닛 사업비 들어왔어?').candidates.find((x) => x.id === 'lunit-budget')!.coverage;
    expect(covered(withCap(0.3))).toBeGreaterThan(0.9);
    expect(covered(withCap(99))).toBeLessThan(0.85);
  });

  it('coverage: a word of everyday English (held) weighs at most commonWordMaxIdf, however rare facts make it', () => {
    const withCap = (cap: number) => createEngine(corpus, { today: () => TODAY, rank: { ...defaultOptions.rank, coverage: { ...defaultOptions.rank.coverage, commonWordMaxIdf: cap } } });
    const covered = (e: typeof engine) => e.explain('KAIST consortium budget held').candidates.find((x) => x.id === 'kaist-budget')!;
    expect(covered(withCap(99)).missing).toContain('held');
    expect(covered(withCap(0.3)).coverage).toBeGreaterThan(covered(withCap(99)).coverage + 0.1);
    // Not when it is the thing asked for ("which X held"): what a question beyond the corpus asks about.
    const asked = (e: typeof engine) => e.explain('which KAIST held consortium budget').candidates.find((x) => x.id === 'kaist-budget')!.coverage;
    expect(asked(withCap(0.3))).toBeCloseTo(asked(withCap(99)));
  });

  it('coverage: a word inside an alias name the fact mentions (소버린 of 소버린 AI) earns part credit', () => {
    const c = engine.explain('특화 사업이랑 소버린 연결?').candidates.find((x) => x.id === 'programme-sovereign-ai-mention')!;
    expect(c.missing).not.toContain('소버린');
    expect(engine.explain('특화 사업이랑 소버린 연결?').candidates.find((x) => x.id === 'selection')!.missing).toContain('소버린');
  });

  it('coverage: so does an English word inside one (sovereign of sovereign AI), and the corpus knows it: not a word beyond it', () => {
    const q = 'is the specialized programme linked to sovereign?';
    const c = engine.explain(q).candidates.find((x) => x.id === 'programme-sovereign-ai-mention')!;
    expect(c.missing).not.toContain('sovereign');
    expect(c.unknown).toBe(0);
    expect(engine.explain(q).candidates.find((x) => x.id === 'selection')!.missing).toContain('sovereign');
  });

  it('programme: a question naming no programme leans to the home programme\'s facts', () => {
    expect(factor('GPU 몇 장?', 'gpu-per-team', 'programme')).toBeCloseTo(1 + defaultOptions.rank.rules.programme);
    expect(factor('GPU 몇 장?', 'gpu-national', 'programme')).toBe(1);
  });
});

describe('filters', () => {
  const removedBy = (q: string, id: string) => engine.explain(q).candidates.find((c) => c.id === id)?.filteredBy;

  it('entity: a fact about others never answers for the one named (KAIST\'s model name is not Lunit\'s)', () => {
    expect(removedBy('루닛 모델 이름 뭐야?', 'kaist-model-name')).toBe('entity');
    expect(engine.ask('루닛 모델 이름 뭐야?').answered).toBe(false);
  });

  it('entity: a programme-wide fact answers for each participant, but not for its amounts', () => {
    expect(top(engine, '루닛 GPU 몇 장 받아?')).toBe('gpu-per-team');
    expect(removedBy('카이스트 GPU 사업비 얼마야?', 'gpu-per-team')).toBe('entity');
    expect(top(engine, '카이스트 GPU 사업비 얼마야?')).toBe('kaist-budget');
  });

  it('entity: a programme-wide fact answers for each participant even where an example names one of them', () => {
    // gpu-per-team has the example 루닛 GPU 몇 장?: KAIST is no less covered for it, and Lunit is covered
    // whole, not only as a word of an example.
    for (const q of ['카이스트 GPU 몇 장 받아?', '루닛 GPU 몇 장 받아?']) expect(engine.explain(q).candidates.find((x) => x.id === 'gpu-per-team')!.coverage).toBe(1);
    expect(top(engine, '카이스트 GPU 몇 장 받아?')).toBe('gpu-per-team');
  });

  it('entity: a name given only as an instance (LG 같은 대기업) does not narrow the question', () => {
    expect(removedBy('LG 팀은 GPU 몇 장 받아?', 'gpu-per-team')).toBe('entity');
    expect(removedBy('LG 같은 팀도 GPU 몇 장 받아?', 'gpu-per-team')).toBeUndefined();
    expect(top(engine, 'LG 같은 팀도 GPU 몇 장 받아?')).toBe('gpu-per-team');
  });

  it('attribute: a location is given by a statement or by the curated keywords (a place is named, not labelled)', () => {
    expect(top(engine, '설명회 위치 어디야?')).toBe('briefing-venue');
    expect(removedBy('루닛 사업비 위치 어디야?', 'lunit-budget')).toBe('attribute');
    expect(engine.ask('루닛 사업비 위치 어디야?').answered).toBe(false);
  });

  it('round-year-version: a round, a year or a version the question names must be the fact\'s', () => {
    expect(removedBy('독파모 3차 평가 언제?', 'dokpamo-round2-plan')).toBe('round-year-version');
    expect(removedBy('K-Fold 3.0 언제 나와?', 'kfold-release-plan')).toBe('round-year-version');
    expect(engine.ask('K-Fold 3.0 언제 나와?').answered).toBe(false);
  });

  it('round-year-version widens to a fact silent on the year when no fact that names it answers, never to one giving another year or to a round or version', () => {
    expect(removedBy('2025년 루닛 사업비 얼마야?', 'lunit-budget')).toBe('round-year-version');
    for (const q of ['2025년 루닛 사업비 얼마야?', "Lunit's budget in 2025?"]) expect(engine.explain(q).decision).toEqual({ answered: true, factId: 'lunit-budget', tier: 'widened' });
    expect(engine.ask('2027년 K-Fold 언제 공개돼?').answered).toBe(false);
    // Widened past one filter only: the budget gives no place either.
    expect(engine.ask('2025년 루닛 사업비 위치 어디야?').answered).toBe(false);
    expect(engine.ask('K-Fold 3.0 언제 나와?').answered).toBe(false);
    expect(engine.ask('독파모 3차 평가 언제?').answers?.[0]?.factId).not.toBe('dokpamo-round2-plan');
  });

  it('widenRatio: a fact removed only for a year it is silent on answers first when it far outscores the best kept one (that one holds the year, not the answer)', () => {
    // At a lower bar the GPU start date (kept: it names 2025) answers the count asked for, weakly.
    const withWiden = (widenRatio: number) => createEngine(corpus, { today: () => TODAY, decide: { ...defaultOptions.decide, minEvidence: 0.6, widenRatio } });
    const q = '2025 team GPU support count';
    expect(withWiden(Infinity).explain(q).decision).toMatchObject({ factId: 'gpu-start' });
    expect(withWiden(1.4).explain(q).decision).toEqual({ answered: true, factId: 'gpu-per-team', tier: 'widened' });
    // Not far enough ahead: the kept fact stands.
    expect(withWiden(2).explain(q).decision).toMatchObject({ factId: 'gpu-start' });
  });

  it('round-outcome: "2차 평가 결과는?" is never answered with the first round\'s result, but by the plan, marked as one', () => {
    const a = engine.ask('독파모 2차 평가 결과는?');
    expect(a.answers[0]?.factId).toBe('dokpamo-round2-plan');
    expect(a.answers.map((x) => x.factId)).not.toContain('dokpamo-round1-result');
    expect(a.notice?.kind).toBeDefined();
  });

  it('programme: a question naming a programme is not answered from another\'s topic that never names it', () => {
    expect(removedBy('독파모 GPU 몇 장?', 'gpu-national')).toBe('programme');
  });

  it('attribute widens to a fact whose curated keywords name the attribute, when none that states it answers', () => {
    // The evaluation's points give its 배점 by their figures, not by the word.
    expect(removedBy('특화 평가 배점 어떻게 돼?', 'evaluation-points')).toBe('attribute');
    for (const q of ['특화 평가 배점 어떻게 돼?', 'evaluation scoring?']) expect(engine.explain(q).decision).toEqual({ answered: true, factId: 'evaluation-points', tier: 'widened' });
    // Shown once in explain(), first.
    expect(engine.explain('evaluation scoring?').candidates.filter((c) => c.id === 'evaluation-points')).toHaveLength(1);
    // Never to one whose keywords do not: the budget has no 배점.
    expect(engine.ask('루닛 사업비 배점?').answered).toBe(false);
  });

  it('attribute: a name or a CEO is answered only by a fact that states one', () => {
    expect(top(engine, 'KAIST 모델 이름 뭐야?')).toBe('kaist-model-name');
    expect(engine.ask('루닛 대표 누구야?').answered).toBe(false);
  });

  it('attribute: names are given by a fact naming several the question does not (선정된 팀 이름: Lunit and KAIST)', () => {
    expect(removedBy('선정된 팀 이름 알려줘', 'selection')).toBeUndefined();
    // Naming one other is not giving names: 루닛's selection names only KAIST besides.
    expect(removedBy('루닛 선정 이름?', 'selection')).toBe('attribute');
  });
});

describe('a question of two clauses', () => {
  it('each clause is weighed by what it asks (얼마 in one, 언제 in the other), not by the whole question', () => {
    // With unmet asks weighing 0, a fact is ruled out by anything asked that it lacks: the GPU start
    // date has no amount, which only the other clause asks for.
    const strict = withRule('intentUnmet', 0);
    const d = strict.explain('루닛 사업비는 얼마이고 GPU는 언제부터야?').decision;
    expect(d).toMatchObject({ answered: true, factId: 'lunit-budget', parts: ['gpu-start'] });
  });
});

describe('answer or abstain', () => {
  it('gatedRatio: a best fact lacking the count asked for yields to a close one that gives it (1: never)', () => {
    const q = 'rented gpus how many';
    const withGated = (gatedRatio: number) => createEngine(corpus, { today: () => TODAY, decide: { ...defaultOptions.decide, gatedRatio } });
    // The GPU rent says who pays for rented GPUs, but gives no number: it outranks the GPUs per team.
    expect(factor(q, 'gpu-rent', 'intentUnmet')).toBe(defaultOptions.rank.rules.intentUnmet);
    expect(top(withGated(1), q)).toBe('gpu-rent');
    expect(top(withGated(0.2), q)).toBe('gpu-per-team');
    const x = withGated(0.2).explain(q);
    expect(x.decision).toMatchObject({ factId: 'gpu-per-team', over: 'gpu-rent' });
    expect(x.candidates.slice(0, 2).map((c) => c.id)).toEqual(['gpu-per-team', 'gpu-rent']);
    // Nothing close enough: the order stands.
    expect(top(withGated(0.5), q)).toBe('gpu-rent');
  });

  it.each(["' OR 1=1 --", 'asdf qwer zxcv uiop', '1234', 'clear', 'test', '너 누가 만들었어?', 'are you ChatGPT?', 'write me a haiku about GPUs', 'https://example.com/x?y=1'])(
    'refuses %s',
    (q) => expect(engine.ask(q).answered).toBe(false),
  );

  it('code or an injection attempt is noise, whatever words it shares with the corpus (SELECT reads as 선정)', () => {
    for (const q of ['SELECT * FROM budget WHERE 1=1', '<script>alert(1)</script> 루닛 사업비', '{{7*7}} 루닛 사업비']) expect(engine.explain(q).decision).toEqual({ answered: false, reason: 'noise' });
    expect(top(engine, '어디 selected 됐어?')).toBe('selection');
  });

  it('a question a curator marked out of scope, and a close rewording, is refused', () => {
    expect(engine.explain('루닛 컨소시엄 회식 장소 어디야?').decision).toEqual({ answered: false, reason: 'curated-out-of-scope' });
    expect(engine.ask('루닛 컨소시엄 회식장소 어디임?').answered).toBe(false);
    expect(top(engine, '루닛 사업비 얼마야?')).toBe('lunit-budget');
  });

  it('nearMissMargin: a question that reads more like a near-miss than like the answer\'s examples is refused, and explain() names it', () => {
    const q = '루닛 사업비 중에 인건비 얼마야?';
    const x = engine.explain(q);
    expect(x.decision).toEqual({ answered: false, reason: 'near-miss' });
    expect(x.nearMiss).toMatchObject({ text: '루닛 사업비 중 인건비는 얼마?', about: 'lunit-budget' });
    // Through an alias too (budget → 사업비), and across languages.
    expect(engine.explain('how much of the Lunit budget is salaries').decision).toEqual({ answered: false, reason: 'near-miss' });
    // What the fact answers is still answered, though a near-miss shares most of its words.
    expect(top(engine, '루닛 사업비 얼마야?')).toBe('lunit-budget');
    expect(engine.explain('루닛 사업비 얼마야?').nearMiss?.sim).toBeLessThan(1);
    // The knob: with no margin that can be met, the fact holding the names answers.
    const off = createEngine(corpus, { today: () => TODAY, decide: { ...defaultOptions.decide, nearMissMargin: Infinity } });
    expect(top(off, q)).toBe('lunit-budget');
    // Refused as one about something the corpus knows: the next message may lean on it ("그럼 KAIST는?").
    expect(engine.ask(q).turn).toMatchObject({ factIds: [], intents: ['amount'] });
  });

  it('nearMissFloor: a near-miss less like the question than this does not count (nor shows in explain())', () => {
    const q = 'K-Fold 정식 공개 언제?';
    expect(engine.explain(q).nearMiss).toBeUndefined();
    const low = createEngine(corpus, { today: () => TODAY, decide: { ...defaultOptions.decide, nearMissFloor: 0 } });
    expect(low.explain(q).nearMiss).toMatchObject({ about: 'kaist-model-name', asks: ['who'] });
    expect(low.explain(q).nearMiss!.sim).toBeLessThan(defaultOptions.decide.nearMissFloor);
  });

  it('a near-miss speaks only to a question asking for what it asks for (who named it is not what it is named)', () => {
    // Both read exactly like "K-Fold 이름은 누가 지었어?" (누가 and 지었어 only frame the question).
    expect(engine.explain('K-Fold 이름 누가 지었음?')).toMatchObject({ decision: { answered: false, reason: 'near-miss' }, nearMiss: { sim: 1, asks: ['who'] } });
    expect(engine.explain('K-Fold 이름 뭐야?')).toMatchObject({ decision: { answered: true, factId: 'kaist-model-name' }, nearMiss: { sim: 1 } });
  });

  it('500 random characters are noise, not a fact', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const text = Array.from({ length: 500 }, () => String.fromCharCode(0xac00 + Math.floor(rnd() * 11172))).join('');
    expect(engine.ask(text).answered).toBe(false);
  });

  it('an English question is answered when what the fact lacks only frames it (a verb), never a thing it names or a word the corpus never uses', () => {
    // A stricter bar, so the fixture's short facts fall below it on one missing word.
    const strict = (framingWeight: number) =>
      createEngine(corpus, { today: () => TODAY, decide: { ...defaultOptions.decide, minEvidence: 0.75 }, rank: { ...defaultOptions.rank, coverage: { ...defaultOptions.rank.coverage, framingWeight } } });
    const on = strict(defaultOptions.rank.coverage.framingWeight);
    expect(top(on, 'how many GPUs does each team build?')).toBe('gpu-per-team');
    expect(on.explain('how many GPUs does each team build?').decision).toMatchObject({ answered: true, factId: 'gpu-per-team', framed: true });
    expect(strict(1).ask('how many GPUs does each team build?').answered).toBe(false);
    expect(on.ask('how many GPUs does each team get in seoul?').answered).toBe(false); // Seoul, a thing named
    expect(on.ask('how many GPUs does each team get in zurich?').answered).toBe(false); // a word the corpus never uses
  });

  it('home first, then the landscape: a question naming no programme gets the home programme\'s answer when it has one', () => {
    const x = engine.explain('GPU 몇 장?');
    expect(x.decision).toMatchObject({ answered: true, factId: 'gpu-per-team', tier: 'home' });
    expect(engine.explain('정부 GPU 목표 몇 장?').decision).toMatchObject({ answered: true, factId: 'gpu-national' });
  });

  it('a home programme fact that names another programme (Lunit\'s bid in 독파모) is about that one too: no home priority, no home bonus', () => {
    const aboutBoth = { ...corpus, facts: corpus.facts.map((f) => (f.id === 'gpu-per-team' ? { ...f, ko: `${f.ko} 독파모 정예팀과는 별개다.` } : f)) };
    const e = createEngine(aboutBoth, { today: () => TODAY });
    expect(e.explain('GPU 몇 장?').decision).not.toMatchObject({ factId: 'gpu-per-team', tier: 'home' });
    expect(engine.explain('GPU 몇 장?').decision).toMatchObject({ factId: 'gpu-per-team', tier: 'home' });
    // Nor the programme rule's bonus for the home programme a question naming none implies.
    const programme = (x: typeof engine) => x.explain('GPU 몇 장?').candidates.find((c) => c.id === 'gpu-per-team')!.rules.find((r) => r.rule === 'programme')!.factor;
    expect(programme(engine)).toBeCloseTo(1 + defaultOptions.rank.rules.programme);
    expect(programme(e)).toBe(1);
  });
});

describe('freshness', () => {
  it('a plan past its due date says so and that the sources hold no outcome yet, in both languages', () => {
    const ko = engine.ask('K-Fold 언제 공개돼?');
    expect(ko.answers[0]!.factId).toBe('kfold-release-plan');
    expect(ko.notice).toMatchObject({ kind: 'past-due', due: '2026-09' });
    expect(ko.notice!.text).toContain('2026-09');
    expect(engine.ask('When is K-Fold released?').notice?.text).toMatch(/planned for 2026-09.*not in my sources/);
  });

  it('before its due date a plan is just a plan', () => {
    const early = createEngine(corpus, { today: () => '2026-06-01' });
    expect(early.ask('K-Fold 언제 공개돼?').notice).toBeUndefined();
  });
});

describe('a plan a later fact superseded', () => {
  // The fixture with two later facts: K-Fold's release postponed, and who bid in a GPU call whose budget and deadline a plan gives.
  const dir = fixtureCorpus('rules-corpus');
  fs.appendFileSync(
    path.join(dir, 'facts/facts.yaml'),
    `- id: kfold-release-delayed
  topic: programme
  ko: K-Fold 정식 공개는 2027년 3월로 연기됐다.
  en: K-Fold's official release was postponed to March 2027.
  examples: ["케이폴드 공개 연기됐어?", "was the K-Fold release delayed?", "K-Fold 언제로 미뤄졌어"]
  sources: [01-paper-2025-01-01]
  asOf: 2025-06-01
  supersedes: [kfold-release-plan]
- id: gpu-call-2026
  topic: gpu
  ko: 2026년 GPU 구축 공모는 예산 2조800억 원, 마감은 2026년 3월 16일이다.
  en: The 2026 GPU build-out call has a budget of 2.08 trillion won and closes on 2026-03-16.
  examples: ["2026 GPU 공모 예산 얼마야?", "when does the 2026 GPU call close?", "GPU 공모 마감일"]
  sources: [01-paper-2025-01-01]
  asOf: 2025-06-01
  kind: plan
  due: 2026-03
- id: gpu-call-2026-bidders
  topic: gpu
  ko: 2026년 GPU 구축 공모에는 사업자 5곳이 응모했다.
  en: Five operators bid in the 2026 GPU build-out call.
  examples: ["2026 GPU 공모 몇 곳 지원했어?", "how many bidders in the 2026 GPU call?", "GPU 공모 응모 결과"]
  sources: [01-paper-2025-01-01]
  asOf: 2026-03-20
  supersedes: [gpu-call-2026]
`,
  );
  const later = loadCorpus(dir);
  const ids = (e: ReturnType<typeof createEngine>, q: string) => e.ask(q).answers.map((a) => a.factId).slice(0, 2);
  const withRatio = (supersededRatio: number) => createEngine(later, { today: () => TODAY, compose: { ...defaultOptions.compose, supersededRatio } });

  it('is answered by the later fact, the plan kept second, when the later one covers the question and ranks close to it', () => {
    expect(ids(withRatio(defaultOptions.compose.supersededRatio), '케이폴드 언제 공개돼?')).toEqual(['kfold-release-delayed', 'kfold-release-plan']);
    expect(ids(withRatio(defaultOptions.compose.supersededRatio), '2026 GPU 공모 어떻게 됐어?')).toEqual(['gpu-call-2026-bidders', 'gpu-call-2026']);
  });

  it('supersededRatio: a later fact ranking far below the plan answers something else, and the plan leads (0: it leads whenever it covers the question)', () => {
    // The deadline is the call's; who bid does not give it.
    expect(ids(withRatio(defaultOptions.compose.supersededRatio), '2026 GPU 공모 마감 언제야?')).toEqual(['gpu-call-2026', 'gpu-call-2026-bidders']);
    expect(ids(withRatio(0), '2026 GPU 공모 마감 언제야?')).toEqual(['gpu-call-2026-bidders', 'gpu-call-2026']);
  });
});

describe('citations', () => {
  it('the timeline cites the source that states the event, not the fact\'s first source', () => {
    const t = engine.fact('timeline', 'ko');
    expect(t?.type === 'timeline' && t.events.find((e) => e.factId === 'selection')?.source.sourceId).toBe('02-wire-2025-10-31');
  });
});

describe('questions of several clauses', () => {
  it('are answered when each clause has a fact answering it, in the clauses\' order', () => {
    const q = 'K-Fold 언제 공개돼? 그리고 카이스트 모델 이름은?';
    // Neither fact covers the whole question, and the release plan, which does not name KAIST, is
    // filtered out for the whole question but not for its own clause.
    expect(engine.explain(q).candidates.every((c) => c.evidence < defaultOptions.decide.minEvidence)).toBe(true);
    expect(engine.explain(q).candidates.find((c) => c.id === 'kfold-release-plan')?.filteredBy).toBe('entity');
    const a = engine.ask(q);
    expect(a.answers.map((x) => x.factId).slice(0, 2)).toEqual(['kfold-release-plan', 'kaist-model-name']);
    expect(engine.explain(q).decision).toMatchObject({ answered: true, factId: 'kfold-release-plan', parts: ['kaist-model-name'] });
  });

  it('are not answered with pieces of different facts when one clause has none', () => {
    expect(engine.ask('LG 사업비는 얼마야? 루닛은 182억이던데').answered).toBe(false);
  });
});


describe('a model and its maker', () => {
  // The fixture with K-Fold made by KAIST, and another KAIST model with a licence of its own.
  const dir = fixtureCorpus('rules-corpus');
  const aliases = path.join(dir, 'aliases/general.yaml');
  fs.writeFileSync(aliases, fs.readFileSync(aliases, 'utf8').replace('- id: k-fold\n', '- id: k-fold\n  madeBy: kaist\n'));
  fs.appendFileSync(aliases, '- id: kaist-chat\n  entity: true\n  madeBy: kaist\n  terms: [KAIST-Chat, 카이스트챗]\n');
  fs.appendFileSync(
    path.join(dir, 'facts/facts.yaml'),
    `- id: kaist-chat-licence
  topic: programme
  ko: KAIST-Chat 모델은 KAIST가 Apache 2.0 라이선스로 공개했다.
  en: KAIST released its KAIST-Chat model under the Apache 2.0 licence.
  examples: ["카이스트챗 라이선스 뭐야?", "what licence is KAIST-Chat under?", "KAIST-Chat 상업적으로 써도 돼?"]
  sources: [01-paper-2025-01-01]
  asOf: 2025-06-01
`,
  );
  const related = createEngine(loadCorpus(dir), { today: () => TODAY });
  const asked = (e: ReturnType<typeof createEngine>, q: string) => e.ask(q).answers[0]?.factId ?? '(not found)';

  it('a question naming both is answered by a fact naming the maker when none names both (madeBy)', () => {
    const q = 'KAIST K-Fold 팀 사업비는 얼마야?';
    expect(asked(related, q)).toBe('kaist-budget');
    expect(related.explain(q).decision).toMatchObject({ answered: true, factId: 'kaist-budget', tier: 'widened' });
    // Without the relation, the budget fact does not name K-Fold and nothing answers.
    expect(asked(engine, q)).toBe('(not found)');
  });

  it('a fact about the maker\'s other model does not answer for this one', () => {
    expect(asked(related, 'KAIST-Chat 라이선스 뭐야?')).toBe('kaist-chat-licence');
    expect(asked(related, 'what licence is K-Fold under?')).toBe('(not found)');
    expect(asked(related, 'KAIST K-Fold 라이선스 뭐야?')).toBe('(not found)');
  });
});

describe('typing slips', () => {
  it('a word one slip from a fact\'s word is read as that word, even when an example question has the same slip', () => {
    const dir = fixtureCorpus('rules-corpus');
    const facts = path.join(dir, 'facts/facts.yaml');
    // People's typos are kept in example questions; they do not make the slip a word the corpus uses.
    fs.writeFileSync(facts, fs.readFileSync(facts, 'utf8').replace('examples: ["루닛 사업비 얼마?", "Lunit budget?"', 'examples: ["루닛 사업비 얼마?", "Lunit budgte?"'));
    const withSlip = createEngine(loadCorpus(dir), { today: () => TODAY });
    for (const e of [engine, withSlip]) {
      expect(e.explain('how big is the lunit budgte').units).toContainEqual(['~budget']);
      expect(e.ask('how big is the lunit budgte').answers[0]?.factId).toBe('lunit-budget');
    }
  });
});
