/** src/topic-search.ts: autocomplete for /fact, as people type in Korean or English. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.ts';
import type { Topic } from '../src/corpus/schema.ts';
import { nameKey as normalize } from '../src/analysis/normalize.ts';
import { searchTopics, TIMELINE_TOPIC } from '../src/topic-search.ts';

const t = (id: string, ko: string, en: string, aliases: string[] = []): Topic => ({ id, title: { ko, en }, aliases, scope: 'general' });

/** A fixed slice of corpus/topics.yaml, so these cases do not move when the corpus is edited. */
const TOPICS: Topic[] = [
  t('programme', 'AI 특화 파운데이션 모델 프로젝트 개요', 'AI specialized foundation model programme overview', ['특화 파운데이션', '특화모델', 'overview', '개요']),
  t('schedule', '사업 기간과 단계 (1단계·2단계·최종평가)', 'Project period and stages (stage 1, stage 2, final evaluation)', ['일정', '단계', 'stage', 'schedule']),
  t('gpu', 'GPU 지원 (엔비디아 B200)', 'GPU support (NVIDIA B200)', ['GPU', 'B200', '그래픽카드', '엔비디아', 'NVIDIA', 'compute']),
  t('elice', '엘리스그룹 (GPU 공급)', 'Elice Group (GPU provider)', ['엘리스', 'Elice', '모듈형 데이터센터']),
  t('lunit-consortium', '루닛 컨소시엄 (의과학)', 'Lunit consortium (medical science)', ['루닛', 'Lunit', '의과학', '루닛 컨소시엄']),
  t('lunit-model', '루닛 컨소시엄의 모델', "The Lunit consortium's model", ['루닛 모델', 'Lunit model', '증거사슬']),
  t('kaist-consortium', 'KAIST 컨소시엄 (바이오)', 'KAIST consortium (bio)', ['KAIST', '카이스트', '바이오', 'bio']),
  t('k-fold', 'K-Fold (KAIST 바이오 모델)', "K-Fold (KAIST's bio model)", ['K-Fold', '케이폴드', 'kfold', '단백질 구조 예측']),
  t('dokpamo', '독자 AI 파운데이션 모델 프로젝트 (독파모)', 'National (sovereign) AI foundation model project', ['독파모', '독자 AI']),
];

const ids = (input: string, limit = 25) => searchTopics(TOPICS, input, limit).map((c) => c.id);

describe('searchTopics', () => {
  it.each([
    // [typed, the first results, in order]
    ['gpu', ['gpu', 'elice']],
    ['GPU', ['gpu', 'elice']],
    ['ＧＰＵ', ['gpu', 'elice']], // full-width
    ['b200', ['gpu']],
    ['엔비디아', ['gpu']],
    ['루닛', ['lunit-consortium', 'lunit-model']],
    ['루닛 모델', ['lunit-model']],
    ['루닛모델', ['lunit-model']],
    ['lunit', ['lunit-consortium', 'lunit-model']],
    ['Lunit Model', ['lunit-model']],
    ['lunitmod', ['lunit-model']],
    ['kaist', ['kaist-consortium', 'k-fold']],
    ['카이스트', ['kaist-consortium']],
    ['k-fold', ['k-fold']],
    ['K fold', ['k-fold']],
    ['kf', ['k-fold']],
    ['lunit-consortium', ['lunit-consortium']],
    ['timeline', ['timeline']],
    ['타임라인', ['timeline']],
    ['연표', ['timeline']],
    ['2단계', ['schedule']],
    ['stage 2', ['schedule']],
    ['consortium', ['lunit-consortium', 'kaist-consortium', 'lunit-model']],
    ['bio', ['kaist-consortium', 'k-fold']],
  ])('%s → %j first', (input, first) => {
    expect(ids(input).slice(0, first.length)).toEqual(first);
  });

  it.each([
    // 초성 (initial consonants)
    ['ㄹㄴ', 'lunit-consortium'],
    ['ㄹㄴㅋㅅㅅㅇ', 'lunit-consortium'],
    ['ㄷㅍㅁ', 'dokpamo'],
    ['ㅋㅇㅅㅌ', 'kaist-consortium'],
    ['ㅇㄹㅅ', 'elice'],
    // mid-syllable, as an IME shows it while typing 루닛 / 엘리스
    ['루ㄴ', 'lunit-consortium'],
    ['룬', 'lunit-consortium'],
    ['루니', 'lunit-consortium'],
    ['엘리', 'elice'],
    ['엘릿', 'elice'],
    ['독팜', 'dokpamo'],
    // words out of order, and an English keyboard left on while typing Korean (fnslt = 루닛)
    ['모델 루닛', 'lunit-model'],
    ['fnslt', 'lunit-consortium'],
  ])('%s → %s first', (input, first) => {
    expect(ids(input)[0]).toBe(first);
  });

  it.each([['zzzz'], ['ㅋㅋㅋㅋㅋㅋㅋ'], ['파이썬']])('%s matches nothing', (input) => {
    expect(ids(input)).toEqual([]);
  });

  it('ranks exact, then prefix, then word prefix, then substring; shorter names first', () => {
    const ranked = [
      t('inside', 'xxabcxx', 'one'),
      t('word', 'hello abcxyz', 'two'),
      t('prefix-2', 'abcdefgh', 'three'),
      t('prefix', 'abcdef', 'four'),
      t('exact', 'abc', 'five'),
    ];
    expect(searchTopics(ranked, 'ABC').map((c) => c.id)).toEqual(['exact', 'prefix', 'prefix-2', 'word', 'inside']);
    expect(searchTopics(ranked, 'abc').map((c) => c.id)).toEqual(searchTopics(ranked, 'a b c').map((c) => c.id));
  });

  it('lists the timeline, then the topics, for empty input', () => {
    expect(ids('')).toEqual(['timeline', ...TOPICS.map((x) => x.id)]);
    expect(ids('   ')).toEqual(ids(''));
    expect(ids('', 3)).toEqual(['timeline', 'programme', 'schedule']);
  });

  it('names topics in the asked language, or in both', () => {
    expect(searchTopics(TOPICS, 'gpu', 1)).toEqual([{ id: 'gpu', name: 'GPU 지원 (엔비디아 B200) · GPU support (NVIDIA B200)' }]);
    expect(searchTopics(TOPICS, 'gpu', 1, 'ko')).toEqual([{ id: 'gpu', name: 'GPU 지원 (엔비디아 B200)' }]);
    expect(searchTopics(TOPICS, 'gpu', 1, 'en')).toEqual([{ id: 'gpu', name: 'GPU support (NVIDIA B200)' }]);
    expect(searchTopics(TOPICS, 'timeline', 1, 'ko')[0]!.name).toBe(TIMELINE_TOPIC.title.ko);
  });

  it('cuts long names to 100 characters', () => {
    const long = [t('long', '가'.repeat(150), 'a'.repeat(150))];
    for (const c of searchTopics(long, '', 25)) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(searchTopics(long, 'aaa', 25, 'en')[0]!.name).toBe('a'.repeat(99) + '…');
  });

  it('respects the limit and never returns more than 25 by default', () => {
    const many = Array.from({ length: 40 }, (_, i) => t(`topic-${i}`, `주제 ${i}`, `Topic ${i}`));
    expect(searchTopics(many, '')).toHaveLength(25);
    expect(searchTopics(many, 'topic')).toHaveLength(25);
    expect(searchTopics(many, 'topic', 5)).toHaveLength(5);
    expect(searchTopics(many, 'topic', 0)).toEqual([]);
  });

  it('does not add a second timeline when the list has one', () => {
    expect(searchTopics([...TOPICS, TIMELINE_TOPIC], '').filter((c) => c.id === 'timeline')).toHaveLength(1);
  });

  it('is deterministic and never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (input) => {
        const a = searchTopics(TOPICS, input);
        expect(searchTopics(TOPICS, input)).toEqual(a);
        expect(a.length).toBeLessThanOrEqual(25);
        expect(new Set(a.map((c) => c.id)).size).toBe(a.length);
        for (const c of a) expect(c.name.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 300 },
    );
  });

  it('finds what a prefix of any title finds, as each letter is typed', () => {
    for (const topic of TOPICS) {
      for (const title of [topic.title.ko, topic.title.en]) {
        for (let n = 1; n <= title.length; n++) expect(ids(title.slice(0, n))).toContain(topic.id);
      }
    }
  });
});

describe('searchTopics on the real corpus', () => {
  const topics = loadCorpus('corpus').topics;

  it('finds every topic first by its id, and by its Korean and English titles', () => {
    for (const topic of topics) {
      for (const q of [topic.id, topic.title.ko, topic.title.en]) expect(searchTopics(topics, q)[0]?.id).toBe(topic.id);
    }
  });

  it('finds the issue examples', () => {
    expect(searchTopics(topics, 'gpu')[0]?.id).toBe('gpu');
    expect(searchTopics(topics, 'ㄹㄴ')[0]?.id).toBe('lunit-consortium');
    expect(searchTopics(topics, '루ㄴ')[0]?.id).toBe('lunit-consortium');
  });

  it('lists every topic and the timeline for empty input, all names within 100 characters', () => {
    const all = searchTopics(topics, '');
    expect(all.map((c) => c.id)).toEqual(['timeline', ...topics.map((x) => x.id)].slice(0, 25));
    for (const c of all) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});

describe('normalize', () => {
  it.each([
    ['K-Fold', 'kfold'],
    ['루닛 컨소시엄', '루닛컨소시엄'],
    ['ＧＰＵ', 'gpu'],
    ['ㄹㄴ', 'ㄹㄴ'], // compatibility jamo kept as typed (NFKC would change them)
    ['(의과학)', '의과학'],
  ])('%s → %s', (input, out) => {
    expect(normalize(input)).toBe(out);
  });
});
