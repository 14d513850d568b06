import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, loadCorpus, loadEngine } from '../src/index.ts';
import { writeCorpus } from './helpers/tmp-corpus.ts';

const engine = loadEngine();

describe('answers', () => {
  it('cites every answer with publisher, date and title', () => {
    const a = engine.ask('루닛 컨소시엄에 참여하는 병원은?');
    expect(a.answered).toBe(true);
    expect(a.lang).toBe('ko');
    for (const item of a.answers) {
      expect(item.sources.length).toBeGreaterThan(0);
      for (const s of item.sources) {
        expect(s.publisher).toBeTruthy();
        expect(s.title).toBeTruthy();
        expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it.each([['LUNIT GPU HOW MANY'], ['lunit gpus how many pls asap'], ['루닛 GPU 몇장 ㅠㅠㅠ 급함']])('chat word order and fillers: %s → 256 B200 per team', (q) => {
    expect(engine.ask(q).answers[0]?.factId).toBe('gpu-b200-allocation');
  });

  it.each([
    ['is A.X K1 just DeepSeek under the hood?', 'ax-k1-deepseek-v3-base'], // "under the hood" frames the question
    ['max gpus per project in the dec 2025 gov gpu call?', 'natgpu-per-project-cap'], // "gov" is the government
  ])('everyday wording: %s → %s', (q, id) => {
    expect(engine.ask(q).answers[0]?.factId).toBe(id);
  });

  it('answers in the language of the question', () => {
    const ko = engine.ask('루닛 컨소시엄 참여 기업은?');
    const en = engine.ask('Which companies are in the Lunit consortium?');
    expect(en.lang).toBe('en');
    expect(ko.answers[0]!.factId).toBe(en.answers[0]!.factId);
    expect(ko.answers[0]!.text).toMatch(/[가-힣]/);
    expect(en.answers[0]!.text).not.toMatch(/^[가-힣]/);
  });

  it('gives the best fact and at most two related ones', () => {
    const a = engine.ask('루닛 컨소시엄');
    expect(a.answers.length).toBeGreaterThanOrEqual(1);
    expect(a.answers.length).toBeLessThanOrEqual(3);
    expect(new Set(a.answers.map((x) => x.factId)).size).toBe(a.answers.length);
  });

  it("'GPU 몇 장?' names no programme: the home programme's GPUs per team, not the national plan (a counter names no topic)", () => {
    for (const q of ['GPU 몇 장?', 'GPU몇장', 'GPU 몇 장 줌?']) expect(engine.explain(q).decision).toMatchObject({ answered: true, factId: 'gpu-b200-allocation', tier: 'home' });
  });

  it('"K-AI" names the national foundation model project (the brand of its teams), not a party a fact must name', () => {
    const x = engine.explain('So who are the final two K-AI companies?');
    expect(x.question.programme).toMatchObject({ id: 'dokpamo', by: 'named' });
    expect(x.question.entities).not.toContain('~k-ai');
  });

  it("lists related facts of the best answer's programme first", () => {
    const a = engine.ask('GPU몇장 받아?');
    const scopeOf = (topic: string) => engine.corpus.topics.find((t) => t.id === topic)?.scope;
    expect(scopeOf(a.answers[1]!.topic)).toBe(scopeOf(a.answers[0]!.topic));
    expect(a.answers.map((x) => x.text).join('\n')).toContain('256');
  });

  it("never answers a team's own attribute, or a question naming one programme, with a programme-wide or other-topic fact", () => {
    expect(engine.ask('Who is the CEO of Motif Technologies?').answered).toBe(false);
    expect(engine.ask('When was Elice Group founded?').answered).toBe(false);
    expect(engine.ask('금융 특화모델은 어느 팀이 맡았어?').answered).toBe(false);
  });

  it('is deterministic', () => {
    const q = 'KAIST 컨소시엄은 뭘 만들어?';
    expect(engine.ask(q)).toEqual(engine.ask(q));
  });

  it.each(['오늘 서울 날씨 어때?', '비트코인 시세 알려줘', 'What is the capital of France?', '루닛 주가 얼마야?', '점심 메뉴 추천해줘', 'are you ChatGPT?'])(
    'says "not found" with a hint instead of guessing: %s',
    (q) => {
      const a = engine.ask(q);
      expect(a.answered).toBe(false);
      expect(a.answers).toEqual([]);
      expect(a.notFound?.hint).toBeTruthy();
      expect(a.notFound?.suggestedTopics.length).toBeGreaterThan(0);
    },
  );
});

describe('bad input never crashes and never answers garbage', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t  '],
    ['emoji', '🤖🔥💯'],
    ['control characters', '\u0000\u0001\u001b[31m\u0007'],
    ['mention spam', '@everyone @here <!channel> <!everyone> <@U123>'],
    ['markup', '<script>alert(1)</script> **bold** `code` ||spoiler||'],
  ])('%s', (_name, q) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(false);
  });

  it.each([['좋은 아침'], ['good morning!'], ['what is this bot'], ['wrong answer'], ["that's wrong"], ['답 틀렸어'], ['good job']])('chat with the bot, not a question: %s', (q) => {
    expect(engine.ask(q).answered).toBe(false);
  });

  it('a greeting or a verdict only refuses on its own: "morning all, when does stage 2 end?" is answered', () => {
    expect(engine.ask('morning all, when does stage 2 end?').answered).toBe(true);
    expect(engine.ask("that's wrong, lunit's budget is 18.2bn right?").answered).toBe(true);
    expect(engine.ask('who wrote the edaily article this bot is based on?').answered).toBe(true);
  });

  it('cuts 200 kB of text to 1,000 characters and still answers quickly', () => {
    const huge = '루닛 컨소시엄 병원 '.repeat(20_000);
    const a = engine.ask(huge);
    expect(a.question.length).toBe(1000);
    expect(a.answered).toBe(true);
  });

  it('returns a well-formed answer for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => {
        const a = engine.ask(s);
        expect(a.question.length).toBeLessThanOrEqual(1000);
        expect(['ko', 'en']).toContain(a.lang);
        if (a.answered) expect(a.answers[0]!.sources.length).toBeGreaterThan(0);
        else expect(a.answers).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('quick facts', () => {
  it('lists topics, the timeline last', () => {
    const topics = engine.topics('ko');
    expect(topics.at(-1)!.id).toBe('timeline');
    expect(topics.map((t) => t.id)).toContain('lunit-consortium');
  });

  it('finds a topic by id, title or alias, and a fact by id', () => {
    expect(engine.fact('gpu', 'ko')).toMatchObject({ type: 'topic', topic: { id: 'gpu' } });
    expect(engine.fact('루닛', 'ko')).toMatchObject({ type: 'topic', topic: { id: 'lunit-consortium' } });
    expect(engine.fact('K-Fold', 'en')).toMatchObject({ type: 'topic', topic: { id: 'k-fold' } });
    expect(engine.fact('lunit-consortium', 'ko')).toMatchObject({ type: 'topic', topic: { id: 'lunit-consortium' } });
    expect(engine.fact('lunit-consortium-hospitals', 'ko')).toMatchObject({ type: 'fact', item: { factId: 'lunit-consortium-hospitals' } });
    const id = engine.corpus.facts[0]!.id;
    expect(engine.fact(id, 'en')).toMatchObject({ type: 'fact', item: { factId: id } });
    expect(engine.fact('', 'ko')).toBeUndefined();
  });

  it('builds the timeline from dated events, oldest first, each line cited', () => {
    const t = engine.fact('timeline', 'ko');
    expect(t?.type).toBe('timeline');
    if (t?.type !== 'timeline') return;
    expect(t.events.length).toBeGreaterThan(3);
    const dates = t.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    for (const e of t.events) expect(e.source.publisher).toBeTruthy();
  });

  it('works on any corpus, e.g. the mini corpus', () => {
    const mini = createEngine(loadCorpus(writeCorpus()));
    expect(mini.ask('그래픽카드 몇 장?').answers[0]?.factId).toMatch(/^gpu-/);
    expect(mini.fact('타임라인', 'ko')).toMatchObject({ type: 'timeline', events: [{ date: '2025-01', factId: 'gpu-total' }] });
  });
});

describe('follow-ups on the corpus', () => {
  it('a swapped team takes its broader concepts with it: "엘지는?" after SK Telecom\'s members asks for LG\'s, not SK Group\'s', () => {
    const first = engine.ask('SKT 컨소 구성 누구누구?');
    expect(first.answers[0]?.factId).toBe('team-skt-members');
    const next = engine.askInThread('엘지는?', first.turn);
    expect(next.followUp).toEqual({ kind: 'entity-swap' });
    expect(next.answers[0]?.factId).toBe('team-lg-members');
  });
});
