import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compact } from '../src/analysis/aliases.ts';
import { Analyzer as BaseAnalyzer, detectLang, wordEnd } from '../src/analysis/analyzer.ts';
import { stemEnglish } from '../src/analysis/english.ts';
import { fold } from '../src/analysis/normalize.ts';
import { findDates } from '../src/analysis/dates.ts';
import { framingWords } from '../src/analysis/english-pos.ts';
import { findOrdinals, ordinalPattern } from '../src/analysis/ordinals.ts';
import { clauses, questionParts as splitParts, withoutSetAside } from '../src/analysis/segments.ts';
import { countedIn as counted } from '../src/query/counted.ts';
import { parseQuestion } from '../src/query/parse.ts';
import { gives, intents as questionIntents } from '../src/query/intents.ts';
import { LEXICON } from './helpers/lexicon.ts';

/** The analyzer on the project's lexicon, with the test's own alias groups. */
class Analyzer extends BaseAnalyzer {
  constructor(aliases: ConstructorParameters<typeof BaseAnalyzer>[0]) {
    super(aliases, LEXICON);
  }
}
const plain = new Analyzer([]);
const normalize = (text: string) => plain.normalize(text);
const stripKorean = (word: string) => plain.korean.strip(word);
const intents = (q: string) => questionIntents(plain.normalize(q), plain.lexicon);
const satisfies = (text: string) => gives(text, plain.lexicon);
const countedIn = (q: string) => counted(fold(q), plain.lexicon);
const questionParts = (text: string) => splitParts(text, plain.lexicon.questions);

const analyzer = new Analyzer([
  { id: 'gpu', terms: ['GPU', '그래픽카드'] },
  { id: 'lunit', terms: ['루닛', 'Lunit'] },
  { id: 'kfold', terms: ['K-Fold', '케이폴드'] },
  { id: 'msit', terms: ['과기정통부', '과학기술정보통신부', 'MSIT'] },
]);
const units = (text: string) => analyzer.units(text).map((u) => u.tokens[0]);

describe('stripKorean: particles and endings come off, nouns stay whole', () => {
  it.each([
    ['학교', '학교'],
    ['학교에', '학교'],
    ['학교를', '학교'],
    ['학교에서는', '학교'],
    ['컨소시엄에는', '컨소시엄'],
    ['선정됐어', '선정'],
    ['선정됐나요', '선정'],
    ['지원되나요', '지원'],
    ['참여했나', '참여'],
    ['발표회때', '발표회'], // 때 (when) glued to its word
    ['대선때는', '대선'],
    ['평가', '평가'],
    ['단계평가', '단계평가'],
    ['점심', '점심'], // not 점 + the ending 심 (하심)
    ['핵심이', '핵심'],
    ['결과는', '결과'],
    ['성과가', '성과'],
    ['회의에서', '회의'],
    ['병원들은', '병원'],
    ['국가가', '국가'],
    ['정도였나요', '정도'],
    ['언제였고', '언제'],
    ['아니었죠', '아니'],
    ['언제이며', '언제'],
    ['설명해주실', '설명'],
    ['남았습니까', '남'],
    ['나왔습니다', '나왔'],
  ])('%s → %s', (word, stem) => expect(stripKorean(word)).toBe(stem));
});

describe('analyzer units', () => {
  it.each([
    ['GPU몇장 지원돼?', ['~gpu', '장', '지원']],
    ['GPU총몇장', ['~gpu', '장']], // 몇 opens a word even when run on (총몇장: 총 몇장)
    ['기관 총몇곳', ['기관', '곳']],
    ['그래픽카드는 몇 장?', ['~gpu', '장']],
    ['컨소 몇개기관이야?', ['컨소', '기관']], // a counter run into the noun it counts: the noun
    ['몇개야', []],
    ['루닛의 모델', ['~lunit', '모델']],
    ['Lunit model', ['~lunit', 'model']],
    ['케이폴드가 뭐야', ['~kfold']],
    ['k fold', ['~kfold']],
    ['과학기술정보통신부가 발표', ['~msit', '발표']],
    ['When does stage 2 end?', ['#n2', 'stag', 'end']],
    ['1차 평가 first round', ['#n1', '평가', 'round']],
    ['두 번째 평가', ['#n2', '평가']],
    ['세번째 평가', ['#n3', '평가']],
    ['루닛컨소시엄에는', ['~lunit', '컨소시엄']],
    ['1,000 GPUs', ['~gpu', '1000']],
  ])('%s', (text, expected) => expect(units(text)).toEqual(expected));

  it('a short alias never reaches across a word boundary; a longer one may skip a space', () => {
    const a = new Analyzer([{ id: 'gemma', terms: ['제마'] }, { id: 'elice', terms: ['엘리스그룹'] }]);
    expect(a.tokens('언제 마지막')).not.toContain('~gemma');
    expect(a.tokens('제마 모델')).toContain('~gemma');
    expect(a.tokens('엘리스 그룹이')).toContain('~elice');
  });

  it('indexes Hangul stems with their bigrams', () => {
    expect(analyzer.tokens('컨소시엄')).toEqual(['컨소시엄', '컨소', '소시', '시엄']);
  });

  it('drops question words and particles left over by aliases', () => {
    expect(units('루닛은 뭐야?')).toEqual(['~lunit']);
    expect(units('what is the MSIT')).toEqual(['~msit']);
  });
});

describe('normalize, stemEnglish, detectLang', () => {
  it('normalises width, case, controls and thousands separators', () => {
    expect(normalize('ＧＰＵ\u0000 1,000장')).toBe('gpu  1000장');
  });
  it('reads won after an amount or a money word as the currency, not as the verb', () => {
    expect(normalize('2.5 trillion won')).toBe('2500000000000 krw');
    expect(normalize('the budget in won?')).toBe('the budget in krw?');
    expect(normalize('who won the bid?')).toBe('who won the bid?');
  });
  it.each([
    ['selected', 'select'],
    ['selects', 'select'],
    ['released', 'releas'],
    ['release', 'releas'],
    ['companies', 'company'],
    ['stages', 'stag'],
  ])('stem %s → %s', (w, s) => expect(stemEnglish(w)).toBe(s));
  it.each([
    ['prioritised', 'prioritized'],
    ['organisations', 'organizations'],
    ['analysed', 'analyzed'],
    ['centre', 'center'],
    ['labour', 'labor'],
    ['modelling', 'modeling'],
    ['travelled', 'traveled'],
  ])('a British spelling shares the American one\'s stem: %s, %s', (british, american) => expect(stemEnglish(british)).toBe(stemEnglish(american)));
  it('leaves words that only look British as they are (install, tell)', () => {
    expect(stemEnglish('installed')).toBe(stemEnglish('install'));
    expect(stemEnglish('telling')).toBe(stemEnglish('tell'));
  });
  it.each([
    ['GPU몇장', 'ko'],
    ['When does stage 2 end?', 'en'],
    ['What is 독파모?', 'en'],
    ['Lunit budget은?', 'ko'],
    ['루닛 모델 오픈소스로 풀려?', 'ko'],
    ['', 'ko'],
  ] as const)('%s is %s', (text, lang) => expect(detectLang(text)).toBe(lang));
});

describe('properties over random input', () => {
  it('words are found as the pattern [가-힣]+ | [a-z0-9]+(\\.[0-9]+)* finds them', () => {
    const WORD = /[\uAC00-\uD7A3]+|[a-z0-9]+(?:\.[0-9]+)*/g;
    const char = fc.constantFrom('가', '힣', 'ㅋ', 'a', 'z', '0', '9', '.', ' ', '-', 'A', '\n');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 14 }).map((cs) => cs.join('')), (s) => {
        const words: string[] = [];
        for (let at = 0, end = 0; at < s.length; at = Math.max(end, at + 1)) {
          end = wordEnd(s, at);
          if (end > at) words.push(`${at}:${s.slice(at, end)}`);
        }
        expect(words).toEqual([...s.matchAll(WORD)].map((m) => `${m.index}:${m[0]}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('fold skips normalisation only where NFC and NFKC change nothing', () => {
    const full = (text: string) => text.normalize('NFC').replace(/[^\u3131-\u318E]+/g, (run) => run.normalize('NFKC')).toLowerCase().replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, ' ');
    // Hangul syllables, conjoining and compatibility jamo, full-width and composed letters, controls.
    const char = fc.constantFrom('가', '힣', '각', '\u1100', '\u1161', '\u11A8', 'ㄱ', 'ㅋ', 'a', 'Z', '9', ' ', '\n', '\t', '\u0000', 'Ａ', '㈜', 'é', 'e\u0301', '…', '？', '\u200B');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }).map((cs) => cs.join('')), (s) => {
        expect(fold(s)).toBe(full(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('the ordinal hint passes every text the ordinal pattern finds something in', () => {
    const piece = fc.constantFrom('1', '2차', '3 단계', '첫', '두 번째', '세번째', 'first', '2nd', 'round', 'stage', 'phase', 'two', 'one', 'evaluation', 'team', '평가', '-', ' ', '.', '기');
    const { english, korean } = analyzer.lexicon;
    const { pattern, hint } = ordinalPattern(english, korean.numerals);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((ps) => ps.join('')), (s) => {
        expect(findOrdinals(s, { pattern, hint }, english, korean.numerals)).toEqual(findOrdinals(s, { pattern, hint: /(?:)/ }, english, korean.numerals));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and yields only non-empty tokens, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const tokens = analyzer.tokens(s);
        expect(tokens.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('is deterministic and ignores case and width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        expect(analyzer.tokens(s)).toEqual(analyzer.tokens(s));
        expect(analyzer.tokens(s.toUpperCase().normalize('NFKC'))).toEqual(analyzer.tokens(s.normalize('NFKC')));
      }),
      { numRuns: 300 },
    );
  });
});

describe('intents: what kind of answer a question wants, and what a fact gives', () => {
  it.each([
    ['1차 평가 누가 통과했어?', 'who'],
    ['주관 부처 어디임?', 'who'],
    ['Which cloud companies host the GPUs?', 'who'],
    ['네이버는 왜 떨어졌어?', 'why'],
    ['Why was Naver Cloud eliminated?', 'why'],
    ['몇 곳 지원했어?', 'count'],
    ['젠슨 황 다음 방한 언제임?', 'upcoming'],
    ['When is the next stage evaluation?', 'upcoming'],
  ])('%s asks %s', (q, intent) => {
    expect(intents(q)).toContain(intent);
  });

  it('얼마 asks for money unless the question names another quantity', () => {
    expect(intents('루닛 예산 규모 얼마야?')).toContain('amount');
    expect(intents('K-Fold 모델 크기는 얼마로 한대요?')).not.toContain('amount');
  });

  it('"how long" asks when, but not "how long a context" (a length)', () => {
    expect(intents('how long does stage 2 last?')).toContain('when');
    expect(intents('how long a context can the model handle?')).not.toContain('when');
  });

  it('어디 asks who (어디 뽑혔어) but not where something is (어디 위치해, 어디에 있어, 어디서)', () => {
    expect(intents('어디 뽑혔어?')).toContain('who');
    for (const q of ['데이터센터 어디 위치해?', '센터 어디에 있어?', '발표회 어디서 했어?']) expect(intents(q)).not.toContain('who');
  });

  it('money named as the thing asked for asks for an amount without 얼마', () => {
    for (const q of ["what's korea's 2027 AI budget number?", 'What is Samsung SDS revenue?', '업스테이지 기업가치 어떻게 평가받았어?', 'trillion labs researcher salaries?']) expect(intents(q)).toContain('amount');
    expect(intents('what is the budget for?')).not.toContain('amount');
  });

  it('어디서 (where) is not a who-question', () => {
    expect(intents('루닛 모델 어디서 써?')).not.toContain('who');
  });

  it('a count needs a numeral word, not a verb ending in 한 (발표한 곳)', () => {
    expect(satisfies('수행팀 선정을 발표한 곳도 과기정통부다.').has('count')).toBe(false);
    expect(satisfies('두 곳이 뽑혔다.').has('count')).toBe(true);
  });

  it('a reason is given by 때문, 탓, because', () => {
    expect(satisfies('큐웬 인코더를 쓴 탓에 탈락했다.').has('why')).toBe(true);
    expect(satisfies('It was dropped because it reused Qwen weights.').has('why')).toBe(true);
    expect(satisfies('2026년 1월 15일 결과를 발표했다.').has('why')).toBe(false);
  });
});

describe('a past tense before 고 is a verb form; a noun ending in 고 is not', () => {
  it('올렸고, 줬고 are predicates; 최고, 공고 are nouns', () => {
    expect(analyzer.units('언제 올렸고')[0]).toMatchObject({ tokens: ['올려'], predicate: true });
    expect(analyzer.units('몇 장 줬고')[0]?.predicate).toBe(true);
    expect(analyzer.units('최고')[0]?.predicate).toBeFalsy();
    expect(analyzer.units('공고')[0]?.predicate).toBeFalsy();
  });
});

describe('a word before a bound noun (거, 것) is a verb form', () => {
  it.each(['모인 거임', '노리는 거야', '달라진 것', '들어갈 수 있어', '받을 수도 있나'])('%s', (q) => {
    const [first] = analyzer.units(q);
    expect(first?.predicate).toBe(true);
  });

  it('a noun elsewhere stays a noun', () => {
    expect(analyzer.units('모인 기관')[0]?.predicate).toBeFalsy();
    expect(analyzer.units('토큰 수 몇 개')[0]?.predicate).toBeFalsy(); // 수 after a noun counts it
  });
});

describe('countedIn: 몇 장 is answered by a number of 장', () => {
  it('wants the counter asked for', () => {
    const re = countedIn('국방부는 GPU 몇 장 받았어?')!.pattern;
    expect(re.test('B200 256장을 받는다')).toBe(true);
    expect(re.test('2026년 2분기에 배정받은 GPU로')).toBe(false);
    expect(countedIn('몇 곳 지원했어?')!.pattern.test('18개 컨소시엄이 지원했다')).toBe(true);
  });

  it('"how many tokens" wants a number of tokens, not a rate per token', () => {
    const re = countedIn('how many tokens was it trained on?')!.pattern;
    expect(re.test('trained on 10 trillion tokens')).toBe(true);
    expect(re.test('8 routed experts per token')).toBe(false);
  });

  it('"how many GPUs" wants a number of GPUs, not an amount of money spent on them', () => {
    const re = countedIn('how many GPUs does the Lunit consortium get?')!.pattern;
    expect(re.test('receives 256 NVIDIA B200 GPUs')).toBe(true);
    expect(re.test('about KRW 17.4 billion is GPU infrastructure')).toBe(false);
    expect(re.test('a 1.46 trillion won GPU budget')).toBe(false);
  });

  it('asks nothing of 몇 개 or a question without 몇', () => {
    expect(countedIn('파라미터 몇 개야')).toBeUndefined();
    expect(countedIn('GPU 언제 받아?')).toBeUndefined();
  });
});

describe('alias matching', () => {
  const a = new Analyzer([
    { id: 'release', terms: ['공개', '나왔', 'release'] },
    { id: 'result-out', terms: ['결과 언제 나', '결과 나왔'], framing: true },
    { id: 'evaluate', terms: ['평가'] },
  ]);

  it('a longer match wins over one it overlaps (결과 언제 나 | 나왔)', () => {
    const units = a.units('1차 평가 결과 언제 나왔어?');
    expect(units.map((u) => u.tokens[0])).not.toContain('~release');
    expect(units.find((u) => u.tokens[0] === '~result-out')?.framing).toBe(true);
  });

  it('the shorter term still matches on its own', () => {
    expect(a.units('A.X K2 언제 나왔어?').map((u) => u.tokens[0])).toContain('~release');
  });

  it('separators are optional inside a term: spaces (thin, ideographic, no-break, zero-width no-break), - _ . · / \'', () => {
    for (const sep of [' ', '\u2009', '\u3000', '\u00a0', '\ufeff', '-', '_', '.', '·', '/', "'"]) expect(compact(`re${sep}lea${sep}se`).chars).toBe('release');
  });
});

describe('countedIn in English: how many X is answered by a number of X', () => {
  it('wants the thing counted in the English statement', () => {
    const c = countedIn('How many projects got government GPUs in March 2026?')!;
    expect(c.field).toBe('en');
    expect(c.pattern.test('it selected 159 projects (528 servers, 4,224 GPUs)')).toBe(true);
    expect(c.pattern.test('the 2026 budget has a GPU line of 2.1 trillion won')).toBe(false);
    expect(countedIn('How many GPUs is NVIDIA supplying?')!.pattern.test('at least 260,000 of its latest Blackwell GPUs')).toBe(true);
  });
  it('counts in words past twelve, and proposals as applications', () => {
    expect(countedIn('how many applicants did it get?')!.pattern.test('fifteen elite-team (consortium) proposals had been received')).toBe(true);
  });
  it('in chat order the thing comes first: "lunit gpus how many pls asap"', () => {
    const c = countedIn('lunit gpus how many pls asap')!;
    expect(c.pattern.test('each team gets 256 NVIDIA B200 GPUs')).toBe(true);
    expect(c.pattern.test('a project budget of KRW 18.21 billion')).toBe(false);
    expect(countedIn('how many does lunit get')).toBeUndefined();
    expect(units('lunit gpus how many pls asap')).not.toContain('asap');
  });
});

describe('tenses meet', () => {
  it.each([
    ['거쳤어', '거쳐'],
    ['만났대', '만나'],
    ['해명했는데', '해명'],
    ['학습시켰어', '학습'],
  ])('%s → %s', (word, stem) => {
    expect(units(word)[0]).toBe(stem);
  });
});

describe('a preamble is context, the part that asks decides', () => {
  it('splits at sentence ends, dashes and Korean sentence endings, not inside 4.5', () => {
    expect(questionParts('대학원생인데요, 정부 GPU 최대 몇 장까지 받아요?')).toEqual([
      { text: '대학원생인데요,', asks: false },
      { text: '정부 GPU 최대 몇 장까지 받아요', asks: true },
    ]);
    expect(questionParts('grad student here - how big is K-Fold?').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('엑사원 4.5 컨텍스트 길이 얼마야?')).toHaveLength(1);
  });

  it('an English scene-setting clause before a comma is a preamble; a year or a question word before it is not', () => {
    expect(questionParts('for a hospital partnership deck, how many hospitals are in it?').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('as someone covering chips for a wire, who supplies the GPUs?').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('in 2025, how many teams were picked?')).toHaveLength(1);
    expect(questionParts('lunit and kaist, how many GPUs each?')).toHaveLength(1);
    expect(questionParts('how many GPUs, and when do they arrive?')).toHaveLength(1);
    expect(questionParts('filling in a policy brief template, which national task is it under?').map((p) => p.asks)).toEqual([false, true]);
  });

  it('an English auxiliary or request asks only where it opens the part: "want to see if ours is on the list" is an aside', () => {
    expect(questionParts('which hospitals are in the lunit consortium? want to see if ours is on the list').map((p) => p.asks)).toEqual([true, false]);
    expect(questionParts('we applied last year. is lunit in it').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('we applied last year. ok so can we apply again').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('we applied last year. pls list the members').map((p) => p.asks)).toEqual([false, true]);
  });

  it('a clause reporting a claim ("colleague says …", "heard …") is a preamble; a named party reporting it is the subject', () => {
    expect(questionParts('someone in our discord said Solar Open 2 is a 300B model, is that right?')).toEqual([
      { text: 'someone in our discord said', asks: false },
      { text: 'Solar Open 2 is a 300B model, is that right', asks: true },
    ]);
    expect(questionParts('a prof in my dept claims that KAIST trains from scratch. true?').map((p) => p.asks)).toEqual([false, true, true]);
    expect(questionParts('heard lunit wants a 1T model?').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('lunit says its model is 32B, right?')).toHaveLength(1);
    expect(questionParts('said lunit has 32B?')).toHaveLength(1);
    expect(questionParts('who said lunit has 32B?')).toHaveLength(1);
  });

  it('before a colon a part asks only with a question word proper, not a request or an auxiliary (list, is)', () => {
    expect(questionParts('partnership list 업데이트 중: Upstage 컨소 멤버 누구누구임?').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('this is for a memo: how many GPUs per team?').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('who leads it: Lunit or KAIST?')).toHaveLength(1);
  });

  it("an example question's preamble is not its words: examples are read as questions are", () => {
    const a = new Analyzer([{ id: 'lunit', terms: ['루닛'] }]);
    const text = '병원 연구지원팀입니다. 루닛 예산 얼마예요?';
    const heads = a.exampleUnits(text, a.analyze(text)).map((u) => u.tokens[0]);
    expect(heads).toContain('~lunit');
    expect(heads).not.toContain('병원');
    const plain = '루닛 예산 얼마예요?';
    const whole = a.analyze(plain);
    expect(a.exampleUnits(plain, whole)).toBe(whole.units);
  });

  it("the preamble's words are marked as context", () => {
    const a = new Analyzer([{ id: 'lunit', terms: ['루닛'] }]);
    const us = a.questionUnits('병원 연구지원팀입니다. 루닛 예산 얼마예요?');
    expect(us.find((u) => u.tokens[0] === '병원')?.context).toBe(true);
    expect(us.find((u) => u.tokens[0] === '~lunit')?.context).toBeUndefined();
  });

  it('a part that asks only between numbers (2.5tn or 2.9tn?) asks about the part before it', () => {
    const a = new Analyzer([{ id: 'lunit', terms: ['루닛'] }]);
    expect(a.questionUnits('루닛 예산 — 182억 or 200억?').some((u) => u.context)).toBe(false);
  });

  it('only the part just before it, not the scene set further back (we build defence software, so: … tender — which sector goes first?)', () => {
    const a = new Analyzer([{ id: 'defence', terms: ['defence'] }]);
    const text = 'we build defence software, so: next foundation model tender — which sector goes first?';
    const contextOf = (token: string) => a.questionUnits(text).find((u) => u.tokens[0] === token)?.context;
    expect(contextOf('tender')).toBeUndefined();
    expect(contextOf('softwar')).toBe(true);
    // An example question is read the same way.
    expect(a.exampleUnits(text, a.analyze(text)).map((u) => u.tokens[0])).not.toContain('softwar');
    expect(a.exampleUnits(text, a.analyze(text)).map((u) => u.tokens[0])).toContain('tender');
  });
});

describe('what an English question sets aside is left out (as 말고 in Korean)', () => {
  it.each([
    ["which companies are in lunit's consortium (not the hospitals, just the firms)?", "which companies are in lunit's consortium ( , just the firms)?"],
    ['is the programme expanding beyond medical and bio?', 'is the programme expanding  ?'],
    ['other than Lunit and KAIST, who got GPUs?', ' , who got GPUs?'],
    ['besides the budget what did they say?', '  what did they say?'],
  ])('%s', (q, rest) => expect(withoutSetAside(q, plain.lexicon.questions.setAside)).toBe(rest));
  it('but not a word that only looks like one (notable, exceptional)', () => {
    expect(withoutSetAside('what notable exceptional models?', plain.lexicon.questions.setAside)).toBe('what notable exceptional models?');
  });
});

describe('question parts keep their question marks', () => {
  it('a part that ends in "?" asks; 둘 다 is not a sentence end', () => {
    expect(questionParts('카이스트 독파모에도 지원했었다며? 그때 결과 어케 됐어')).toHaveLength(1);
    expect(questionParts('서면평가 발표평가 둘 다 봤음?')).toHaveLength(1);
  });
});

describe('English alias terms keep their word breaks', () => {
  it('"wrap up stage" is not Upstage, but "K Fold" is K-Fold', () => {
    const a = new Analyzer([
      { id: 'upstage', terms: ['Upstage', '업스테이지'] },
      { id: 'k-fold', terms: ['K-Fold'] },
    ]);
    expect(a.units('did they wrap up stage 1?').map((u) => u.tokens[0])).not.toContain('~upstage');
    expect(a.units('K Fold 크기').map((u) => u.tokens[0])).toContain('~k-fold');
  });
});

describe('preambles in chat', () => {
  it('a colon right after a word ends a preamble', () => {
    expect(questionParts('fact-checking a caption: where was the briefing held?').map((p) => p.asks)).toEqual([false, true]);
    // A capital letter or a digit before it too (questions are split before they are lower-cased).
    expect(questionParts('writing a memo for my MD: how many consortia bid?').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('notes for Q3: how many consortia bid?').map((p) => p.asks)).toEqual([false, true]);
  });

  it('a clause ending in 려고, / 해서, / … before the question is a preamble', () => {
    expect(questionParts('미팅 전에 확인하려고, 네이버가 세미나에서 뭐 발표했어?').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('교수님이 신청하라고 하셔서… 정부 GPU 몇 장씩이야?').map((p) => p.asks)).toEqual([false, true]);
    // A clause reporting what was heard (…있다던데) names what the question after it is about.
    expect(questionParts('과제 알아보는 중인데, 과학 분야 사업도 있다던데 예산 얼마고 무슨 분야임?').map((p) => p.asks)).toEqual([false, true, true]);
    // "궁금한데" says why one asks; the question comes after it.
    expect(questionParts('우리 학교 떨어져서 좀 궁금한데 정부 GPU 몇 장 나갔어?').map((p) => p.asks)).toEqual([false, true]);
    // A short question after a scene-setting clause (…중인데) does not pull that clause into the question.
    expect(questionParts('루닛 주주라 챙겨보는 중인데 1단계 끝났어?').map((p) => p.asks)).toEqual([false, true]);
    // A list is not a preamble: 루닛, KAIST 둘 다 …
    expect(questionParts('루닛, KAIST 둘 다 GPU 몇 장 받아?')).toHaveLength(1);
  });

  it('when no part asks in so many words, the last one does (chat puts the request last)', () => {
    const parts = questionParts('발표자료 만드는데 급함 ㅠ 루닛컨소 병원 리스트 ㄱㄱ');
    expect(parts.at(-1)).toEqual({ text: '루닛컨소 병원 리스트 ㄱㄱ', asks: true });
    expect(parts.slice(0, -1).every((p) => !p.asks)).toBe(true);
  });
});

describe('a pronoun in the part that asks points back to the names of the preamble', () => {
  const a = new Analyzer([{ id: 'motif', terms: ['Motif', '모티프'], entity: true }, { id: 'roadmap', terms: ['roadmap', '로드맵'] }]);
  const contextOf = (text: string, token: string) => a.questionUnits(text).find((u) => u.tokens[0] === token)?.context;
  it('"their roadmap" after a preamble naming Motif asks about Motif', () => {
    expect(contextOf("we're evaluating Motif as a vendor. what's their roadmap?", '~motif')).toBeUndefined();
    expect(contextOf('모티프 검토 중인데요. 거기 로드맵 어떻게 돼요?', '~motif')).toBeUndefined();
  });
  it('without one, the preamble stays context', () => {
    expect(contextOf("we're evaluating Motif as a vendor. what's the model roadmap for the consortium?", '~motif')).toBe(true);
  });
});

describe('an attribute is meant, not found inside another word', () => {
  const a = new Analyzer([
    { id: 'personal', terms: ['나이', '연봉'], attribute: true },
    { id: 'lunit', terms: ['루닛'] },
  ]);
  it('나이 in 토크나이저 is no attribute; 연봉 right after 루닛 is', () => {
    expect(a.tokens('토크나이저 뭐 써?')).not.toContain('~personal');
    expect(a.tokens('루닛연봉 얼마?')).toContain('~personal');
    expect(a.tokens('대표 나이')).toContain('~personal');
  });
});

describe('"X 말고" names what is not asked about', () => {
  it('특화모델 말고 독파모 공모는… asks about 독파모', () => {
    expect(questionParts('특화모델 말고 독파모 공모는 며칠부터 며칠까지 받았어?')).toEqual([
      { text: '특화모델 말고', asks: false },
      { text: '독파모 공모는 며칠부터 며칠까지 받았어', asks: true },
    ]);
  });
});

describe('countedIn: shares and nouns it does not list', () => {
  it('몇 % needs a percentage; how many downloads needs a number of downloads', () => {
    expect(countedIn('업스테이지 지분 몇 % 갖게 돼?')!.pattern.test('지분투자 1000억원')).toBe(false);
    expect(countedIn('How many downloads has it had?')!.pattern.test('it passed 10,000 downloads')).toBe(true);
    expect(countedIn('how many teams were picked?')).toBeUndefined();
  });
});

describe('loanword spellings and requests', () => {
  it('컨소시움 is 컨소시엄, 파운데이숀 is 파운데이션', () => {
    expect(normalize('루닛 컨소시움, 특화 파운데이숀')).toBe('루닛 컨소시엄, 특화 파운데이션');
  });

  it('chat abbreviations are written out, as whole words only', () => {
    expect(normalize('arch? ctx + vocab')).toBe('architecture? context + vocabulary');
    expect(normalize('search architect')).toBe('search architect');
  });

  it("negative contractions are written out, with or without the apostrophe: no wasn or didn, and won't is not won", () => {
    expect(normalize("wasn't it 22? they didnt say, and it won’t")).toBe('was not it 22? they did not say, and it will not');
    expect(normalize('the wont of mountaineers')).toBe('the will not of mountaineers');
    const a = new Analyzer([{ id: 'select', terms: ['won', 'selected'] }]);
    expect(a.units("weren't they the ones who won't apply").map((u) => u.tokens[0])).toEqual(['apply']);
  });

  it('a request (리스트 뽑아줄 수 있음) frames the question; it does not ask about selection', () => {
    const a = new Analyzer([
      { id: 'select', terms: ['뽑아', '선정'] },
      { id: 'request', terms: ['뽑아줄', '알려줘'], framing: true },
    ]);
    const us = a.units('병원 리스트 뽑아줄 수 있음?');
    expect(us.map((u) => u.tokens[0])).not.toContain('~select');
  });
});

describe('clause endings and short questions', () => {
  it('"…이던데" is context for the question after it; a short question asks about the clause before it', () => {
    expect(questionParts('특화는 팀당 256장이던데 독파모는 처음에 팀당 GPU 몇 장 준다고 했나요?').map((p) => p.asks)).toEqual([false, true]);
    expect(questionParts('엘리스 모듈형 데이터센터 이동식이라던데 어떤 구조야')).toHaveLength(1);
  });
});

describe('amounts meet across forms', () => {
  it('10.1조, 10조1000억 and 10.1 trillion are one number', () => {
    expect(normalize('10.1조')).toBe(normalize('10조1000억'));
    expect(normalize('KRW 10.1 trillion')).toContain(normalize('10.1조'));
    expect(normalize('2조800억원')).toBe('2080000000000원');
  });
});

describe('English stems and plurals', () => {
  const a = new Analyzer([
    { id: 'b200', terms: ['B200'] },
    { id: 'founding', terms: ['founded', 'founding'] },
  ]);
  it('B200s is a plural of B200', () => {
    expect(a.units('how many B200s per team').map((u) => u.tokens[0])).toContain('~b200');
  });
  it('"was found" is not "founded"', () => {
    expect(a.units('no source was found').map((u) => u.tokens[0])).not.toContain('~founding');
    expect(a.units('when was it founded').map((u) => u.tokens[0])).toContain('~founding');
  });
});

describe('clauses', () => {
  it.each([
    ['몇 곳 지원했고 경쟁률은 어느 정도였나요?', ['몇 곳 지원했', '경쟁률은 어느 정도였나요']],
    ['when was it named, and why did the calls flop?', ['when was it named', 'why did the calls flop']],
    ['언제 했어? 어디서?', ['언제 했어', '어디서']],
    ['최고 성능 모델은?', ['최고 성능 모델은']],
    // Any past tense (a syllable ending in ㅆ) before 고 joins clauses, not only 했 or 였.
    ['테크리포트 언제 올렸고 등급 몇 나왔음?', ['테크리포트 언제 올렸', '등급 몇 나왔음']],
    ['팀당 몇 장 줬고 언제부터야?', ['팀당 몇 장 줬', '언제부터야']],
    // 이랑 after a phrase joins two things asked; after a bare name opening the clause it compares.
    ['HF repo 이름이랑 arXiv 번호?', ['HF repo 이름', 'arXiv 번호']],
    ['트릴리온이랑 점수 차이는?', ['트릴리온이랑 점수 차이는']],
    ['루닛이랑 카이스트 GPU 몇 장?', ['루닛이랑 카이스트 GPU 몇 장']],
    ['A.X K1 license랑 context length 몇?', ['A.X K1 license', 'context length 몇']],
    ['lunit이랑 kaist GPU 몇 장?', ['lunit이랑 kaist GPU 몇 장']],
  ])('%s', (text, expected) => expect(clauses(text)).toEqual(expected));
});


describe('a name given as an instance of a kind does not narrow the question', () => {
  const named = new Analyzer([
    { id: 'lunit', terms: ['루닛', 'Lunit'], entity: true },
    { id: 'samsung', terms: ['삼성', 'Samsung'], entity: true },
    { id: 'lg', terms: ['LG'], entity: true },
  ]);
  const instances = (text: string) => named.units(text).filter((u) => u.instance).map((u) => u.tokens[0]);
  it('X 같은, X처럼, 삼성이나 LG 같은, like X, such as X or Y', () => {
    expect(instances('삼성 같은 대기업도 주관할 수 있어?')).toEqual(['~samsung']);
    expect(instances('루닛처럼 병원 많은 컨소 또 있어?')).toEqual(['~lunit']);
    expect(instances('삼성이나 LG 같은 대기업이 주관 맡을 수 있었어?')).toEqual(['~samsung', '~lg']);
    expect(instances('can big companies like Samsung or LG lead a consortium?')).toEqual(['~samsung', '~lg']);
    expect(instances('firms such as Lunit')).toEqual(['~lunit']);
  });
  it('the second of two alternatives: either answers (on Lunit\'s side or Samsung\'s, 루닛 아니면 삼성)', () => {
    expect(instances("is LG on Lunit's side or Samsung's?")).toEqual(['~samsung']);
    expect(instances('LG는 루닛 컨소야 아니면 삼성 컨소야?')).toEqual(['~samsung']);
    expect(instances('Lunit and Samsung budgets?')).toEqual([]);
  });
  it('but not the subject itself, nor "what is X like", nor "would like"', () => {
    expect(instances('루닛 모델 같은 거 또 나와?')).toEqual([]);
    expect(instances('루닛 같이 참여한 병원은?')).toEqual([]);
    expect(instances('what are salaries like for Lunit researchers?')).toEqual([]);
    expect(instances('I would like Lunit budget numbers')).toEqual([]);
  });
});

describe('aliasNameParts: the words inside the alias names a text mentions', () => {
  it('국가AI컴퓨팅센터 holds 센터 and 컴퓨팅센터', () => {
    const a = new Analyzer([{ id: 'naicc', terms: ['국가AI컴퓨팅센터'], entity: true }]);
    const parts = a.aliasNameParts(a.analyze('국가AI컴퓨팅센터를 해남에 짓는다'));
    expect(parts.has('센터')).toBe(true);
    expect(parts.has('컴퓨팅센터')).toBe(true);
    expect(parts.has('해남')).toBe(false);
  });
  it('Kyung Hee University Hospital holds kyung and hee, not the everyday English words university and hospital', () => {
    const a = new Analyzer([{ id: 'khu', terms: ['Kyung Hee University Hospital'], entity: true }]);
    const parts = a.aliasNameParts(a.analyze('Kyung Hee University Hospital joined the consortium.'));
    expect([...parts].sort()).toEqual(['hee', 'kyung']);
  });
});

describe('typos of alias terms in questions', () => {
  const a = new Analyzer([
    { id: 'lunit', terms: ['루닛', 'Lunit'], entity: true },
    { id: 'naver', terms: ['네이버', 'Naver'], entity: true },
    { id: 'budget', terms: ['예산', 'budget'] },
  ]);
  a.knowVocabulary((t) => ['never', 'sign'].includes(t));
  const heads = (text: string) => a.units(text).map((u) => u.tokens[0]);
  it('a word the corpus never uses, one slip from a term (left out, added, changed, swapped), is that term', () => {
    expect(heads('luint signed')).toContain('~lunit');
    expect(heads('lunnit budget')).toContain('~lunit');
    expect(heads('navre plans')).toContain('~naver');
    expect(heads('buget of lunit')).toContain('~budget');
    expect(a.units('luint')[0]?.entity).toBe(true);
  });
  it('a word the corpus never uses, one slip from a stopword of five letters or more (whcih), is that stopword', () => {
    expect(heads('whcih lunit budget')).toEqual(['~lunit', '~budget']);
  });

  it('but not a word the corpus uses (never), a short one (unit), or one two slips away', () => {
    expect(heads('never mind')).not.toContain('~naver');
    expect(heads('unit price')).not.toContain('~lunit');
    expect(heads('lnuti')).not.toContain('~lunit');
  });
});

describe('typos of the corpus\'s words in questions', () => {
  const a = new Analyzer([{ id: 'lunit', terms: ['루닛', 'Lunit'], entity: true }]);
  const vocabulary = ['support', 'hardwar', 'format'];
  a.knowVocabulary((t) => vocabulary.includes(t), vocabulary);
  const heads = (text: string) => a.units(text).map((u) => u.tokens[0]);
  it('a word the corpus never uses, with a letter left out of one it uses or two swapped, is that word', () => {
    expect(heads('vllm suport')).toContain('support');
    expect(heads('what hardwre')).toContain('hardwar');
    expect(heads('fromat of it')).toContain('format');
  });
  it('but not with a letter changed or added, which is as often another real word (formal, formant)', () => {
    expect(heads('formal plan')).toContain('formal');
    expect(heads('formant')).toContain('formant');
  });
});

describe('what is left of a word once an alias took it', () => {
  it('어서/아서 after an alias that is a verb stem (엮어서) is its ending, not a word', () => {
    const a = new Analyzer([{ id: 'link', terms: ['엮', '연계'] }]);
    expect(a.units('AI 고속도로랑 엮어서 뭐라고 했지').map((u) => u.tokens[0])).not.toContain('어서');
  });

  it('하자/하며 after an alias (탈락하자) is the verb ending, not a word', () => {
    const a = new Analyzer([{ id: 'eliminated', terms: ['탈락'] }]);
    expect(a.units('두 팀이 탈락하자 추가 공모했다').map((u) => u.tokens[0])).not.toContain('하자');
  });
});

describe('rounds in chat English', () => {
  it('"1st eval" is the first round, as "first evaluation" is', () => {
    expect(plain.units('1st eval window?').map((u) => u.tokens[0])).toContain('#n1');
  });
});

describe('dates (in normalised text): a month is named by its whole name or its usual short form, never by the start of another word', () => {
  it.each([
    ['deadline 9 sept 2026', ['#md09-09', '#m09', '2026']],
    ['the dec 2025 call', ['#m12', '2025']],
    ['announced in may', ['#m05']],
    ['may 29 briefing', ['#md05-29', '#m05']],
  ])('%s', (text, tokens) => {
    expect(findDates(text).flatMap((d) => [...d.tokens, ...(d.year ? [d.year] : [])])).toEqual(tokens);
  });
  it.each(['for a partnership deck', 'a defence-tech market scan', 'what was the decision', 'you may know', 'the junior team', 'augmented data'])('%s: no date', (text) => {
    expect(findDates(text)).toEqual([]);
  });
});

describe('framingWords: the English words that only frame or describe a question (verbs, adjectives, adverbs)', () => {
  it.each([
    ['how many chips is NAICC supposed to house?', ['hous'], ['chip']],
    ['might be a weird one, but did lunit also try for the sovereign project?', ['try', 'weird'], ['project']],
    ["what's the stock price of lunit", [], ['price']],
  ])('%s', (text, framing, naming) => {
    const words = framingWords(text);
    for (const t of framing) expect(words).toContain(t);
    for (const t of naming) expect(words).not.toContain(t);
  });
});

describe('the thing an English question asks for keeps its weight (common-english.yaml)', () => {
  const parse = (text: string) => parseQuestion(text, { analyzer: plain, participantOf: new Map(), attributeTokens: new Set() });
  it.each([
    ['which KAIST professor leads it?', ['professor']],
    ['how many employees does lunit have', ['employe']],
    ['what salary do they pay', ['salary']],
    ['did they keep the budget?', []],
    ['which team got cut, see the list', ['team']],
  ])('%s', (q, things) => expect(parse(q).thingsAsked).toEqual(things));
  it('is everyday English only: a word the list lacks is weighed as it is anyway', () => {
    expect(plain.lexicon.english.commonStems.has('consortium')).toBe(false);
    expect(parse('which consortium is it?').thingsAsked).toEqual([]);
  });
});
