/**
 * Follow-up questions in a thread, on the fixture corpus: each kind, in both languages, and a
 * self-contained question never merged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, loadCorpus } from '../src/index.ts';
import type { Answer, Turn } from '../src/types.ts';
import { fixtureCorpus } from './helpers/tmp-corpus.ts';
import { LEXICON } from './helpers/lexicon.ts';
import { compileLexicon } from '../src/analysis/lexicon.ts';
import { resolveFollowUp } from '../src/query/followup.ts';
import { moreAbout } from '../src/answer/follow-up.ts';
import { onlyTalksBack } from '../src/query/followup.ts';
import type { Corpus } from '../src/corpus/load.ts';
import type { ParsedQuestion } from '../src/query/parse.ts';

const engine = createEngine(loadCorpus(fixtureCorpus('rules-corpus')), { today: () => '2026-12-06' });

/** Asks each message in turn, carrying the last answered turn; returns every answer. */
function thread(...messages: string[]): Answer[] {
  let previous: Turn | undefined;
  return messages.map((m) => {
    const a = engine.askInThread(m, previous);
    if (a.turn) previous = a.turn;
    return a;
  });
}
const top = (a: Answer) => (a.answered ? a.answers[0]!.factId : undefined);

describe('follow-ups', () => {
  it.each([
    ['루닛 사업비 얼마야?', '그럼 카이스트는?'],
    ["What is Lunit's budget?", 'what about KAIST?'],
    // "The other consortium" is the other party of a programme with two.
    ['루닛 사업비 얼마야?', '다른 컨소는?'],
    ["What is Lunit's budget?", 'how about the other consortium?'],
  ])('entity swap: %s → %s keeps the question and changes the team', (first, second) => {
    const [a, b] = thread(first, second);
    expect(top(a!)).toBe('lunit-budget');
    expect(top(b!)).toBe('kaist-budget');
    expect(b!.followUp).toEqual({ kind: 'entity-swap' });
  });

  it.each([
    ['팀당 GPU 몇 장 받아?', '언제부터?'],
    ['How many GPUs does each team get?', 'since when?'],
  ])('attribute swap: %s → %s keeps the subject and asks another thing', (first, second) => {
    const [a, b] = thread(first, second);
    expect(top(a!)).toBe('gpu-per-team');
    expect(top(b!)).toBe('gpu-start');
    expect(b!.followUp).toEqual({ kind: 'attribute-swap' });
  });

  it.each([['출처 더 보여줘'], ['sources?'], ['ref?'], ['src pls'], ['sauce?'], ['cite?'], ['기사 어디꺼?'], ['which outlet?'], ['url?'], ['ㅊㅊ'], ['어디서 본 거임']])('%s: the last answer with all its sources', (action) => {
    const [a, b] = thread('2025년 선정된 팀 어디야?', action);
    expect(top(b!)).toBe(top(a!));
    expect(b!.followUp).toEqual({ kind: 'sources' });
    expect(b!.answers[0]!.sources.map((s) => s.sourceId)).toEqual(['01-paper-2025-01-01', '02-wire-2025-10-31']);
  });

  it('영어로 / 한국어로: the same answer in the other language', () => {
    const [a, b, c] = thread('루닛 사업비 얼마야?', 'in English please', '한국어로');
    expect(b!.lang).toBe('en');
    expect(b!.answers[0]!.text).toBe("The Lunit consortium's budget is KRW 18.2 billion.");
    expect(top(b!)).toBe(top(a!));
    expect(c!.lang).toBe('ko');
    expect(b!.followUp).toEqual({ kind: 'language' });
  });

  it.each([['english pls', '영문 버전으로 한 줄만', 'korean pls'], ['in eng', '영어 버전', '한국어 버전'], ['en으로 다시', 'eng로 요약', 'kr로 다시']])('%s / %s / %s: chat forms of the same actions', (english, englishKo, korean) => {
    for (const [ask, lang] of [[english, 'en'], [englishKo, 'en']] as const) {
      const [, b] = thread('루닛 사업비 얼마야?', ask);
      expect(b!.followUp).toEqual({ kind: 'language' });
      expect(b!.lang).toBe(lang);
    }
    const [, , c] = thread('루닛 사업비 얼마야?', 'in English please', korean);
    expect(c!.followUp).toEqual({ kind: 'language' });
    expect(c!.lang).toBe('ko');
  });

  it.each([
    ['same in korean?', 'ko'],
    ['can u put that in english for the desk', 'en'],
    ['pls give me that in korean, my editor wants it', 'ko'],
  ])('%s: a request about the last answer, its own words aside (korean is the request, not Korea)', (ask, lang) => {
    const [a, b] = thread(lang === 'ko' ? 'How much is the Lunit budget?' : '루닛 사업비 얼마야?', ask);
    expect(b!.followUp).toEqual({ kind: 'language' });
    expect(b!.lang).toBe(lang);
    expect(top(b!)).toBe(top(a!));
  });

  it.each([['둘다 어디서 나온 숫자임'], ['9대1은 어디 기사였어'], ['is that from an official source or?']])('%s: asks where the last answer comes from', (ask) => {
    const [a, b] = thread('2025년 선정된 팀 어디야?', ask);
    expect(b!.followUp).toEqual({ kind: 'sources' });
    expect(top(b!)).toBe(top(a!));
  });

  it.each([
    ['카이스트 모델 이름 뭐야?', '카이스트 돈 얼마 받아', 'kaist-budget'],
    ['독파모 1차 평가 누가 1등?', '설명회 어디서 했어?', 'briefing-venue'],
    ['when is dokpamo round 2?', '그래픽카드 지원 시작일', 'gpu-start'],
  ])('%s → %s: a message that answers alone on clearly more evidence than in the thread is answered alone', (first, second, id) => {
    const [, b] = thread(first, second);
    expect(top(b!)).toBe(id);
    expect(b!.followUp).toBeUndefined();
  });

  it.each([
    ['루닛 GPU 몇 장?', 'where was the briefing?', 'briefing-venue'],
    ['정부 GPU 몇 장 확보해?', 'GPU 언제 들어왔어?', 'gpu-start'],
  ])('%s → %s: asking something else of the thread gets the fact that says it, not the last answer again', (first, second, id) => {
    const [a, b] = thread(first, second);
    expect(top(b!)).not.toBe(top(a!));
    expect(top(b!)).toBe(id);
  });

  it.each([['nice'], ['고마워요 ㅎㅎ'], ['ok thx 👍'], ['makes sense, thanks!'], ['알겠어요']])('"%s" only talks back: no answer in the thread, nothing weighed', (chatter) => {
    const [a, b] = thread('루닛 사업비 얼마야?', chatter);
    expect(top(a!)).toBe('lunit-budget');
    expect(b!.answered).toBe(false);
    expect(engine.explain(chatter, a!.turn).thread).toBeUndefined();
    expect(engine.threadCandidates(chatter, a!.turn!).candidates).toBeUndefined();
  });

  it('chatter is read word by word, only in a short message, and no text makes it slow', () => {
    const lexicon = compileLexicon(engine.corpus.lexicon);
    for (const m of ['고마워요ㅎㅎ', 'ㅋㅋㅋ ok thx', '👍👍', 'thanks so much!!']) expect(onlyTalksBack(m, lexicon)).toBe(true);
    for (const m of ['budget?', 'ok but why?', '예산은?', 'so what?']) expect(onlyTalksBack(m, lexicon)).toBe(false);
    // A pattern that backtracks catastrophically would run past the test's time limit on the first of these.
    for (const m of ['k'.repeat(59) + 'x', 'ㅋ'.repeat(59) + '?x', 'ha'.repeat(29) + 'z', 'x'.repeat(100_000)]) expect(onlyTalksBack(m, lexicon)).toBe(false);
  });

  it('a long question that only ends in "come from" is not a request for sources', () => {
    const [, b] = thread('루닛 사업비 얼마야?', 'where do the GPUs of each team in the programme come from');
    expect(b!.followUp?.kind).not.toBe('sources');
  });

  it.each([['더 자세히'], ['tell me more'], ['what else?'], ['그리고?'], ['자세한 내용'], ['관련된 거 더']])('%s: more facts about the last answer, not the same one', (action) => {
    const [a, b] = thread('루닛 사업비 얼마야?', action);
    expect(b!.followUp).toEqual({ kind: 'more' });
    expect(b!.answers.length).toBeGreaterThan(0);
    expect(b!.answers.map((x) => x.factId)).not.toContain(top(a!));
  });

  it.each([['한국어로'], ['korean pls'], ['can u say that in korean'], ['can you put that in english'], ['출처 좀'], ['sources?'], ['더 자세히']])(
    '"%s" with no answer before it: nothing to act on, not a question about its words (한국어로 is not about Korea)',
    (request) => {
      for (const a of [engine.ask(request), thread('오늘 날씨 어때?', request)[1]!]) {
        expect(a.answered).toBe(false);
        expect(a.notFound?.reason).toBe('nothing-to-act-on');
        expect(a.notFound?.hint).toMatch(/Ask a question first|먼저 질문해/);
      }
    },
  );

  it('a question that also asks for a language is still a question ("루닛 사업비 영어로 알려줘")', () => {
    expect(top(engine.ask('루닛 사업비 영어로 알려줘'))).toBe('lunit-budget');
  });

  it('a team named after a question that named none is added to it', () => {
    const [a, b] = thread('선정 결과 알려줘', '루닛은?');
    expect(top(a!)).toBe('selection');
    expect(top(b!)).toBe('selection');
    expect(b!.followUp).toEqual({ kind: 'entity-swap' });
    expect(top(engine.ask('루닛은?'))).toBe('lunit-budget');
  });

  it("a whole question that names no programme is read in the thread's programme only when alone it finds nothing", () => {
    expect(engine.ask('두번째 평가는 언제 열려?').answered).toBe(false);
    const [, b] = thread('독파모 1차 평가 누가 1등?', '두번째 평가는 언제 열려?');
    expect(top(b!)).toBe('dokpamo-round2-plan');
    // Found alone, it stays as it is.
    const [, c] = thread('독파모 1차 평가 누가 1등?', '루닛 사업비 얼마야?');
    expect(top(c!)).toBe('lunit-budget');
    expect(c!.followUp).toBeUndefined();
  });

  it("a whole question naming no programme, found alone too, is read in the thread when the thread's reading has more evidence", () => {
    const dir = fixtureCorpus('rules-corpus');
    fs.appendFileSync(
      path.join(dir, 'facts/facts.yaml'),
      `- id: dokpamo-gpu-per-team
  topic: dokpamo-eval
  ko: 독파모 정예팀은 팀마다 GPU 500장을 지원받는다.
  en: Each dokpamo elite team is given 500 GPUs.
  examples: ["독파모 팀당 GPU 몇 장?", "how many GPUs does each dokpamo team get?", "정예팀 GPU 지원 규모"]
  sources: [01-paper-2025-01-01]
  asOf: 2025-01-01
`,
    );
    const withDokpamoGpus = createEngine(loadCorpus(dir), { today: () => '2026-12-06' });
    const question = '한 팀이 지원받는 GPU는 모두 몇 장이었더라?';
    expect(top(withDokpamoGpus.ask(question))).toBe('gpu-per-team');
    const first = withDokpamoGpus.ask('독파모 1차 평가 누가 1등?');
    const b = withDokpamoGpus.askInThread(question, first.turn);
    expect(top(b)).toBe('dokpamo-gpu-per-team');
    expect(b.followUp).toEqual({ kind: 'attribute-swap' });
  });

  it('"more" stays in the last answer\'s topic or its sources (the article it came from) and skips what was shown', () => {
    const [a, b] = thread('루닛 사업비 얼마야?', '더 자세히');
    const fact = (id: string) => engine.corpus.facts.find((f) => f.id === id)!;
    const last = fact(top(a!)!);
    expect(b!.answers.length).toBeGreaterThan(0);
    for (const x of b!.answers) expect(fact(x.factId).topic === last.topic || fact(x.factId).sources.some((s) => last.sources.includes(s))).toBe(true);
    expect(b!.answers.map((x) => x.factId)).not.toContain(top(a!));
    // The article the budget came from also tells who was selected and who is in the consortium.
    expect(b!.answers.some((x) => fact(x.factId).topic !== last.topic)).toBe(true);
  });

  it('"more" gives the rest of the last answer\'s article before other facts of its topic, each in the order given, none shown before', () => {
    const fact = (id: string, topic: string, ...sources: string[]) => ({ id, topic, sources }) as unknown as Corpus['facts'][number];
    const answered = fact('budget', 'programme', 'article-a');
    const sameTopic = fact('budget-staff', 'programme', 'article-b');
    const sameArticle = fact('gpus', 'gpu', 'article-a', 'article-c');
    const shownBefore = fact('selection', 'programme', 'article-a');
    const elsewhere = fact('weather', 'other', 'article-z');
    const all = [answered, sameTopic, sameArticle, shownBefore, elsewhere];
    expect(moreAbout(answered, [sameTopic, sameArticle], all, new Set(['budget', 'selection']), 3)).toEqual(['gpus', 'budget-staff']);
    // With nothing ranked, in the corpus's order.
    expect(moreAbout(answered, [], all, new Set(['budget']), 3)).toEqual(['gpus', 'selection', 'budget-staff']);
  });

  it.each([['more on the budget', 'lunit-budget'], ['사업비 더 알려줘', 'lunit-budget'], ['more on the GPUs', 'gpu-per-team']])('"%s": more of the last answer\'s subject, what it names first', (action, id) => {
    const [a, b] = thread('루닛 선정 언제?', action);
    expect(top(a!)).toBe('selection');
    expect(b!.followUp).toEqual({ kind: 'more' });
    expect(top(b!)).toBe(id);
  });

  it('"몇 장 받아?" after a question about when: the count is its own ask', () => {
    const [, b] = thread('GPU 지원 언제부터야?', '몇 장 받아?');
    expect(top(b!)).toBe('gpu-per-team');
  });

  it("the words naming the last answer's topic stay the subject when the message asks something else", () => {
    const prev: Turn = { lang: 'ko', units: [{ tokens: ['~naicc'], alias: true }, { tokens: ['~select'], alias: true }], intents: ['when'], factIds: ['x'] };
    const q = { text: '그럼 GPU 몇 장 들어가?', norm: '그럼 gpu 몇 장 들어가?', lang: 'ko', asking: [{ tokens: ['~gpu'], alias: true }, { tokens: ['장'], alias: false }], units: [], entities: [], intents: ['count'], programme: { id: 'specialized', by: 'home' }, personal: false } as unknown as ParsedQuestion;
    const subjectOf = (r: ReturnType<typeof resolveFollowUp>) => (r && 'readings' in r ? r.readings[0]!.filter((u) => !u.context).map((u) => u.tokens[0]) : []);
    expect(subjectOf(resolveFollowUp(q, prev, compileLexicon(LEXICON), new Set(['~naicc'])))).toContain('~naicc');
    expect(subjectOf(resolveFollowUp(q, prev, compileLexicon(LEXICON)))).not.toContain('~naicc');
  });

  it('"in English" after "more" gives the facts just shown, in English', () => {
    const [, b, c] = thread('루닛 사업비 얼마야?', '더 자세히', 'in English please');
    expect(c!.followUp).toEqual({ kind: 'language' });
    expect(c!.lang).toBe('en');
    expect(top(c!)).toBe(top(b!));
  });

  it('"and round 2?" asks the last question of another round: its round replaces the last one, even one naming the topic, and its attribute stays', () => {
    const lex = compileLexicon(LEXICON);
    const marker = [...lex.programmes.markers.get('dokpamo')!][0]!;
    const prev: Turn = { lang: 'en', units: [{ tokens: ['~originality'], alias: true }, { tokens: [marker], alias: true }, { tokens: ['#n1'], alias: false }, { tokens: ['round'], alias: false }], intents: [], factIds: ['x'] };
    const own = [{ tokens: ['#n2'], alias: false }, { tokens: ['round'], alias: false }];
    const q = { text: 'and round 2?', norm: 'and round 2?', lang: 'en', asking: own, units: own, entities: [], intents: [], programme: { id: 'specialized', by: 'home' }, personal: false } as unknown as ParsedQuestion;
    const r = resolveFollowUp(q, prev, lex, new Set(['#n1', 'round']));
    expect(r && 'readings' in r ? r.readings[0]!.map((u) => u.tokens[0]) : []).toEqual(['#n2', 'round', marker, '~originality']);
  });

  it('a swapped team takes its broader concepts with it: "LG는?" after SK Telecom\'s members drops SK Group too', () => {
    const lex = compileLexicon(LEXICON);
    const prev: Turn = { lang: 'ko', units: [{ tokens: ['~participate'], alias: true }, { tokens: ['~sk-telecom'], alias: true, entity: true }, { tokens: ['~sk-group'], alias: true }], intents: [], factIds: ['x'] };
    const lg = [{ tokens: ['~lg'], alias: true, entity: true }];
    const q = { text: 'LG는?', norm: 'lg는?', lang: 'ko', asking: lg, units: lg, entities: ['~lg'], intents: [], programme: { id: 'dokpamo', by: 'entity' }, personal: false } as unknown as ParsedQuestion;
    const broader = (t: string) => (t === '~sk-telecom' ? ['~sk-group'] : []);
    const swapped = (r: ReturnType<typeof resolveFollowUp>) => (r && 'readings' in r ? r.readings[0]!.map((u) => u.tokens[0]) : []);
    expect(swapped(resolveFollowUp(q, prev, lex, new Set(), { broader }))).toEqual(['~lg', '~participate']);
    expect(swapped(resolveFollowUp(q, prev, lex))).toEqual(['~lg', '~participate', '~sk-group']);
  });

  it('a tool swaps a tool and keeps the model: "transformers?" after "A.X K1 on vLLM?"; a model swaps the model and keeps the tool', () => {
    const lex = compileLexicon(LEXICON);
    const prev: Turn = { lang: 'en', units: [{ tokens: ['~ax-k1'], alias: true, entity: true }, { tokens: ['~vllm'], alias: true, entity: true }, { tokens: ['support'], alias: false }], intents: [], factIds: ['x'] };
    const ask = (token: string) => {
      const units = [{ tokens: [token], alias: true, entity: true }];
      return { text: `${token}?`, norm: `${token}?`, lang: 'en', asking: units, units, entities: [token], intents: [], programme: { by: 'none' }, personal: false } as unknown as ParsedQuestion;
    };
    const readings = (r: ReturnType<typeof resolveFollowUp>) => (r && 'readings' in r ? r.readings.map((units) => units.map((u) => u.tokens[0])) : []);
    const tools = new Set(['~vllm', '~hf-transformers']);
    expect(readings(resolveFollowUp(ask('~hf-transformers'), prev, lex, new Set(), { tools }))[0]).toEqual(['~hf-transformers', '~ax-k1', 'support']);
    expect(readings(resolveFollowUp(ask('~ax-k2'), prev, lex, new Set(), { tools }))[0]).toEqual(['~ax-k2', '~vllm', 'support']);
    // Not known as a tool, it swaps every party of the last question.
    expect(readings(resolveFollowUp(ask('~hf-transformers'), prev, lex))[0]).toEqual(['~hf-transformers', 'support']);
    // After a question naming no tool, a tool is added beside the model: the one reading.
    const noTool: Turn = { ...prev, units: prev.units.filter((u) => u.tokens[0] !== '~vllm') };
    expect(readings(resolveFollowUp(ask('~hf-transformers'), noTool, lex, new Set(), { tools }))).toEqual([['~hf-transformers', '~ax-k1', 'support']]);
  });

  it('a team named with the broader concept it implies ("sk telecom\'s?": SK Telecom and SK Group) is still a bare team: a swap', () => {
    const lex = compileLexicon(LEXICON);
    const prev: Turn = { lang: 'en', units: [{ tokens: ['~upstage'], alias: true, entity: true }, { tokens: ['~participate'], alias: true }, { tokens: ['~consortium'], alias: true }], intents: ['who'], factIds: ['x'] };
    const skt = [{ tokens: ['~sk-telecom'], alias: true, entity: true }, { tokens: ['~sk-group'], alias: true }];
    const q = { text: "sk telecom's?", norm: "sk telecom's?", lang: 'en', asking: skt, units: skt, entities: ['~sk-telecom'], intents: [], programme: { id: 'dokpamo', by: 'entity' }, personal: false } as unknown as ParsedQuestion;
    const broader = (t: string) => (t === '~sk-telecom' ? ['~sk-group'] : []);
    expect(resolveFollowUp(q, prev, lex, new Set(), { broader })?.kind).toBe('entity-swap');
    // Without knowing SK Group is implied, it reads as two words of its own naming a party: a question of its own.
    expect(resolveFollowUp(q, prev, lex)).toBeUndefined();
  });

  it('"독파모는?" after a question about the home programme asks it of the named programme, without the home programme\'s teams', () => {
    const lex = compileLexicon(LEXICON);
    const marker = [...lex.programmes.markers.get('dokpamo')!][0]!;
    const prev: Turn = { lang: 'ko', units: [{ tokens: ['~elice'], alias: true, entity: true }, { tokens: ['~gpu'], alias: true }, { tokens: ['장'], alias: false }], intents: ['count'], factIds: ['x'] };
    const q = { text: '독파모는?', norm: '독파모는?', lang: 'ko', asking: [{ tokens: [marker], alias: true }], units: [], entities: [], intents: [], programme: { id: 'dokpamo', by: 'named' }, personal: false } as unknown as ParsedQuestion;
    const r = resolveFollowUp(q, prev, lex);
    expect(r?.kind).toBe('entity-swap');
    expect(r && 'readings' in r ? r.readings[0]!.map((u) => u.tokens[0]) : []).toEqual([marker, '~gpu', '장']);
  });

  it('"모델은요?" leans on the last question like "모델은?"', () => {
    const lex = compileLexicon(LEXICON);
    const prev: Turn = { lang: 'ko', units: [{ tokens: ['~motif'], alias: true, entity: true }], intents: [], factIds: ['x'] };
    const own = [{ tokens: ['~release'], alias: true }, { tokens: ['~model'], alias: true }];
    const ask = (text: string) => ({ text, norm: text, lang: 'ko', asking: own, units: own, entities: [], intents: [], programme: { id: 'specialized', by: 'home' }, personal: false }) as unknown as ParsedQuestion;
    for (const text of ['실제로 나온 모델은?', '실제로 나온 모델은요?']) {
      const r = resolveFollowUp(ask(text), prev, lex);
      expect(r && 'fallback' in r ? r.fallback : undefined).toBeUndefined();
      expect(r?.kind).toBe('attribute-swap');
    }
  });

  it('asking what a named thing is (KAIST는 뭐야?, what is sovereign AI?) is a question of its own', () => {
    const [, b] = thread('루닛 사업비 얼마야?', '카이스트는 뭐야?');
    expect(b!.followUp).toBeUndefined();
    for (const [first, second] of [['팀당 GPU 몇 장 받아?', '소버린 AI가 뭐야?'], ['How many GPUs does each team get?', 'what does sovereign AI mean?']] as const) {
      const [, d] = thread(first, second);
      expect(d!.followUp).toBeUndefined();
      expect(top(d!)).toBe('glossary-sovereign-ai');
    }
    // Asking what an attribute of the subject is (이름이 뭐야?) still leans on the thread.
    const [, e] = thread('KAIST 사업비 얼마야?', '이름이 뭐야?');
    expect(e!.followUp).toEqual({ kind: 'attribute-swap' });
    expect(top(e!)).toBe('kaist-model-name');
  });

  it.each([['루닛 사업비 얼마야?', '뭐라고 했대?'], ["What is Lunit's budget?", 'so what did they say?'], ["What is Lunit's budget?", 'is that right']])('a question with nothing of its own (%s → %s) asks the last one again', (first, second) => {
    const [a, b] = thread(first, second);
    expect(top(b!)).toBe(top(a!));
    expect(b!.followUp).toEqual({ kind: 'attribute-swap' });
  });

  it.each([['are you an LLM?'], ['너 누구야'], ['banana']])('%s after an answer is not about it: a message to the bot or of unknown words stays alone', (message) => {
    const [, b] = thread('루닛 사업비 얼마야?', message);
    expect(b!.answered).toBe(false);
    expect(b!.followUp).toBeUndefined();
  });

  it.each([['고마워'], ['thanks!']])('%s after an answer is no question: not answered again', (thanks) => {
    const [, b] = thread('루닛 사업비 얼마야?', thanks);
    expect(b!.answered).toBe(false);
  });

  it('a message of a few words naming no one (GPU 몇 장 받아?) leans on the thread, though alone it finds an answer', () => {
    const [, b] = thread('카이스트 사업비 얼마야?', 'GPU 언제부터 받아?');
    expect(b!.followUp).toEqual({ kind: 'attribute-swap' });
  });

  it('an attribute the message names replaces the last one: "how many orgs in it?" after the budget keeps the subject, not the budget', () => {
    const lex = compileLexicon(LEXICON);
    const prev: Turn = { lang: 'en', units: [{ tokens: ['~lunit'], alias: true, entity: true }, { tokens: ['~budget'], alias: true }], intents: ['amount'], factIds: ['x'] };
    const own = [{ tokens: ['org'], alias: false }];
    const q = { text: 'how many orgs in it?', norm: 'how many orgs in it?', lang: 'en', asking: own, units: own, entities: [], intents: ['count'], programme: { id: 'specialized', by: 'home' }, personal: false } as unknown as ParsedQuestion;
    const r = resolveFollowUp(q, prev, lex);
    const reading = r && 'readings' in r ? r.readings[0]!.map((u) => u.tokens[0]) : [];
    expect(reading).toEqual(['org', '~lunit']);
  });

  it("the last question's amount does not carry over: \"how many did NHN get\" after the 1.46tn won purchase swaps the party, without the 1.46tn", () => {
    const lex = compileLexicon(LEXICON);
    const prev: Turn = { lang: 'en', units: [{ tokens: ['~gpu'], alias: true }, { tokens: ['~purchase'], alias: true }, { tokens: ['1460000000000'], alias: false }, { tokens: ['2025'], alias: false }], intents: ['who'], factIds: ['x'] };
    const own = [{ tokens: ['~nhn'], alias: true, entity: true }];
    const q = { text: 'how many did nhn get', norm: 'how many did nhn get', lang: 'en', asking: own, units: own, entities: ['~nhn'], intents: ['count'], programme: { id: 'specialized', by: 'home' }, personal: false } as unknown as ParsedQuestion;
    const r = resolveFollowUp(q, prev, lex);
    expect(r?.kind).toBe('entity-swap');
    const reading = r && 'readings' in r ? r.readings[0]!.map((u) => u.tokens[0]) : [];
    expect(reading).toEqual(['~nhn', '~gpu', '~purchase', '2025']);
  });

  it('a whole question with a pronoun pointing back (how many GPUs do they get?) is read in the thread first', () => {
    const lex = compileLexicon(LEXICON);
    const prev: Turn = { lang: 'en', units: [{ tokens: ['~lunit'], alias: true, entity: true }, { tokens: ['~budget'], alias: true }], intents: ['amount'], factIds: ['x'] };
    const own = [{ tokens: ['~gpu'], alias: true }, { tokens: ['receiv'], alias: false }, { tokens: ['togeth'], alias: false }, { tokens: ['month'], alias: false }];
    const ask = (text: string) => ({ text, norm: text, lang: 'en', asking: own, units: own, entities: [], intents: ['count'], programme: { id: 'specialized', by: 'home' }, personal: false }) as unknown as ParsedQuestion;
    const fallback = (text: string) => { const r = resolveFollowUp(ask(text), prev, lex); return r && 'fallback' in r ? r.fallback : undefined; };
    expect(fallback('how many gpus do they receive together each month')).toBeUndefined();
    expect(fallback('how many gpus are received together each month')).toBe(true);
  });

  it('근데 opens a question of its own when the message names its own subject and attribute; 근데 X는? still leans', () => {
    const lex = compileLexicon(LEXICON);
    const prev: Turn = { lang: 'ko', units: [{ tokens: ['~lunit'], alias: true, entity: true }, { tokens: ['~budget'], alias: true }], intents: ['amount'], factIds: ['x'] };
    const own = [{ tokens: ['~kaist'], alias: true, entity: true }, { tokens: ['~name'], alias: true }];
    const text = '근데 카이스트 모델 이름 알려줘';
    const q = { text, norm: text, lang: 'ko', asking: own, units: own, entities: ['~kaist'], intents: [], programme: { id: 'specialized', by: 'entity' }, personal: false } as unknown as ParsedQuestion;
    expect(resolveFollowUp(q, prev, lex)).toBeUndefined();
    const [, c] = thread('루닛 사업비 얼마야?', '근데 카이스트는?');
    expect(c!.followUp).toEqual({ kind: 'entity-swap' });
  });

  it.each([
    ['1차 개발 언제 끝나?', 'GPU 몇 장 받아?'],
    ['when does the first development phase end?', 'how many GPUs do they get?'],
  ])('%s → %s: a merged reading that leaves the thread\'s programme, where the message alone stays in it, gives way', (first, second) => {
    const [a, b] = thread(first, second);
    expect(top(a!)).toBe('first-development');
    // Merged, the first phase (1차) would carry over to the government's first GPU batch.
    expect(top(b!)).toBe('gpu-per-team');
  });

  it.each([
    ['K-Fold 언제 공개돼?', '결과 나왔어?'],
    ['when is K-Fold released?', 'results out yet?'],
    ['독파모 2차 평가 언제?', '결과 나왔음?'],
  ])('asking only how it turned out (%s → %s) gets the plan again, with "not in my sources yet"', (first, second) => {
    const [a, b] = thread(first, second);
    expect(top(b!)).toBe(top(a!));
    expect(b!.followUp).toEqual({ kind: 'attribute-swap' });
    expect(b!.notice?.kind).toBe('past-due');
  });

  it('a question the corpus could not answer is still the thread\'s last: "and the budget?" leans on it; an action has nothing to act on', () => {
    const [a, b] = thread('how many employees does Lunit have?', 'and the budget?');
    expect(a!.answered).toBe(false);
    expect(a!.turn?.factIds).toEqual([]);
    expect(top(b!)).toBe('lunit-budget');
    expect(b!.followUp).toEqual({ kind: 'attribute-swap' });
    const [, c] = thread('how many employees does Lunit have?', 'sources?');
    expect(c!.answered).toBe(false);
    expect(c!.followUp).toBeUndefined();
    // Noise leaves no turn behind.
    expect(thread('banana')[0]!.turn).toBeUndefined();
  });

  it('a self-contained question is never merged', () => {
    const [, b] = thread('루닛 사업비 얼마야?', '독파모 2차 평가 언제야?');
    expect(b!.followUp).toBeUndefined();
    expect(top(b!)).toBe(engine.ask('독파모 2차 평가 언제야?').answers[0]?.factId);
  });

  it('a chain of swaps carries the merged question forward', () => {
    const [, b, c] = thread('루닛 사업비 얼마야?', '그럼 카이스트는?', '그럼 루닛은?');
    expect(top(b!)).toBe('kaist-budget');
    expect(top(c!)).toBe('lunit-budget');
  });

  it('the turn holds the parsed question and fact ids, never the text', () => {
    const [a] = thread('루닛 사업비 얼마야?');
    expect(JSON.stringify(a!.turn)).not.toContain('루닛 사업비');
    expect(a!.turn!.factIds[0]).toBe('lunit-budget');
  });
});

describe('a turn from before a corpus reload', () => {
  it('an action on facts the corpus no longer has reads the message alone (not found, with a hint)', () => {
    const stale: Turn = { lang: 'ko', units: [{ tokens: ['~lunit'], alias: true, entity: true }], intents: [], factIds: ['removed-fact'] };
    const a = engine.askInThread('출처 더 보여줘', stale);
    expect(a.answered).toBe(false);
    expect(a.notFound?.hint).toBeTruthy();
  });
});
