/** adapters/discord/format.ts: pure rendering, snapshots of each shape, and Discord's limits under any input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  feedbackCustomId,
  fitMessage,
  joinWithin,
  md,
  parseFeedbackId,
  renderAnswer,
  renderNotFound,
  renderNotice,
  renderQuickFact,
  renderTopicNotFound,
  truncate,
  unmd,
} from '../../adapters/discord/format.ts';
import type { Answer, AnswerItem, Citation } from '../../src/types.ts';
import { expectWithinLimits } from './helpers.ts';

const edaily: Citation = {
  sourceId: '00-edaily-2025-11-23',
  title: '‘소버린 AI’ 구축 넘어 산업 적용까지… 두 번째 전략축 가동',
  publisher: '이데일리',
  date: '2025-11-23',
};
const herald: Citation = {
  sourceId: '65-heraldcorp-2025-10-31-lunit-kaist',
  title: '의과학·바이오 특화 파운데이션 모델 본격 가동…루닛·KAIST 컨소시엄 선정',
  publisher: '헤럴드경제',
  date: '2025-10-31',
  url: 'https://biz.heraldcorp.com/article/10606014',
};
const koreaPost: Citation = {
  sourceId: '70-koreapost-en-2025-10-lunit-kaist',
  title: 'South Korea launches medical and bio-specialized AI foundation model projects',
  publisher: 'The Korea Post',
  date: '2025-10-31',
  dateNote: 'not shown (reports the 31 Oct 2025 announcement)',
  url: 'http://www.koreapost.com/news/articleViewAmp.html?idxno=46577',
};

const item = (over: Partial<AnswerItem>): AnswerItem => ({
  factId: 'lunit-consortium-companies',
  topic: 'lunit-consortium',
  text: '루닛 컨소시엄에 참여하는 기업은 7곳이다.',
  score: 1,
  asOf: '2025-11-23',
  kind: 'fact',
  sources: [edaily, herald],
  ...over,
});

const answered = (question: string, items: AnswerItem[], lang: 'ko' | 'en' = 'ko'): Answer => ({ question, lang, answered: true, answers: items });

describe('renderAnswer', () => {
  it('a Korean answer: text, sources with links, related facts, feedback buttons', () => {
    const body = renderAnswer(
      answered('루닛 컨소시엄 참여 기업은?', [
        item({}),
        item({ factId: 'lunit-consortium-overview', text: '루닛 컨소시엄은 의과학 분야 수행팀이다.', sources: [herald] }),
      ]),
      { feedbackKey: 'abc12345' },
    );
    expect(body).toMatchInlineSnapshot(`
      {
        "allowedMentions": {
          "parse": [],
          "repliedUser": false,
        },
        "components": [
          {
            "components": [
              {
                "custom_id": "fb:u:abc12345:lunit-consortium-companies",
                "emoji": {
                  "name": "👍",
                },
                "label": "도움이 됐어요",
                "style": 2,
                "type": 2,
              },
              {
                "custom_id": "fb:d:abc12345:lunit-consortium-companies",
                "emoji": {
                  "name": "👎",
                },
                "label": "아쉬워요",
                "style": 2,
                "type": 2,
              },
            ],
            "type": 1,
          },
        ],
        "embeds": [
          {
            "color": 3900150,
            "description": "루닛 컨소시엄에 참여하는 기업은 7곳이다.",
            "fields": [
              {
                "name": "출처",
                "value": "‘소버린 AI’ 구축 넘어 산업 적용까지… 두 번째 전략축 가동 — 이데일리, 2025-11-23
      [의과학·바이오 특화 파운데이션 모델 본격 가동…루닛·KAIST 컨소시엄 선정](https://biz.heraldcorp.com/article/10606014) — 헤럴드경제, 2025-10-31",
              },
              {
                "name": "관련 사실",
                "value": "• 루닛 컨소시엄은 의과학 분야 수행팀이다. — [헤럴드경제, 2025-10-31](https://biz.heraldcorp.com/article/10606014)",
              },
            ],
            "footer": {
              "text": "공개 자료로 정리한 사실 · lunit-consortium-companies",
            },
            "title": "루닛 컨소시엄 참여 기업은?",
          },
        ],
      }
    `);
  });

  it('a plan says what date it holds as of (기준)', () => {
    const body = renderAnswer(
      answered('2단계 평가는 언제?', [item({ factId: 'schedule-stage-evaluation', kind: 'plan', asOf: '2025-09-05', text: '2단계 평가는 2026년 하반기에 열릴 예정이다.' })]),
    );
    expect(body.embeds[0]!.fields).toMatchInlineSnapshot(`
      [
        {
          "name": "출처",
          "value": "‘소버린 AI’ 구축 넘어 산업 적용까지… 두 번째 전략축 가동 — 이데일리, 2025-11-23
      [의과학·바이오 특화 파운데이션 모델 본격 가동…루닛·KAIST 컨소시엄 선정](https://biz.heraldcorp.com/article/10606014) — 헤럴드경제, 2025-10-31",
        },
        {
          "name": "기준",
          "value": "2025-09-05 기준 계획·일정이에요. 이후 바뀌었을 수 있어요.",
        },
      ]
    `);
    expect(body.embeds[0]!.color).toBe(0xf59e0b);
    const withRelated = renderAnswer(answered('q', [item({}), item({ kind: 'plan', asOf: '2025-09-05', text: '2단계는 2026년에 시작한다.', sources: [herald] })]));
    expect(withRelated.embeds[0]!.fields!.at(-1)!.value).toBe(
      '• 2단계는 2026년에 시작한다. *(2025-09-05 기준 계획)* — [헤럴드경제, 2025-10-31](https://biz.heraldcorp.com/article/10606014)',
    );
  });

  it('an English plan says "As of", a conflict says sources disagree, an inferred date is marked', () => {
    const plan = renderAnswer(answered('When is stage 2?', [item({ kind: 'plan', asOf: '2025-09-05', text: 'Stage 2 runs in 2026.', sources: [koreaPost] })], 'en'));
    expect(plan.embeds[0]!.fields).toMatchInlineSnapshot(`
      [
        {
          "name": "Source",
          "value": "[South Korea launches medical and bio-specialized AI foundation model projects](http://www.koreapost.com/news/articleViewAmp.html?idxno=46577) — The Korea Post, 2025-10-31 (date inferred)",
        },
        {
          "name": "As of",
          "value": "A plan or schedule as of 2025-09-05; it may have changed since.",
        },
      ]
    `);
    const conflict = renderAnswer(answered('How many members?', [item({ kind: 'conflict', text: 'MSIT says 22; Lunit says 23.' })], 'en'));
    expect(conflict.embeds[0]!.fields!.map((f) => f.name)).toEqual(['Source', 'Note']);
  });

  it('a source title with brackets keeps its link intact', () => {
    const body = renderAnswer(answered('q', [item({ sources: [{ ...herald, title: '[단독] 루닛 *선정*' }] })]));
    expect(body.embeds[0]!.fields![0]!.value).toBe('[(단독) 루닛 \\*선정\\*](https://biz.heraldcorp.com/article/10606014) — 헤럴드경제, 2025-10-31');
  });

  it('more than three sources are summed up', () => {
    const body = renderAnswer(answered('q', [item({ sources: [edaily, herald, koreaPost, { ...herald, sourceId: 'x', publisher: 'X' }, { ...herald, sourceId: 'y' }] })]));
    expect(body.embeds[0]!.fields![0]!.value.split('\n').at(-1)).toBe('외 출처 2건');
  });

  it('not found (out of scope): kind words, the hint, suggested topics, no buttons', () => {
    const body = renderAnswer(
      {
        question: '오늘 날씨 어때?',
        lang: 'ko',
        answered: false,
        answers: [],
        notFound: {
          reason: 'out-of-scope',
          hint: 'AI 특화 파운데이션 모델 프로젝트의 공모, 선정, 일정, GPU에 대해 답할 수 있어요.',
          suggestedTopics: [
            { id: 'programme', title: 'AI 특화 파운데이션 모델 프로젝트 개요' },
            { id: 'timeline', title: '타임라인 (날짜별 주요 사건)' },
          ],
        },
      },
      { feedbackKey: 'ignored1' },
    );
    expect(body).toMatchInlineSnapshot(`
      {
        "allowedMentions": {
          "parse": [],
          "repliedUser": false,
        },
        "components": [],
        "embeds": [
          {
            "color": 10265519,
            "description": "AI 특화 파운데이션 모델 프로젝트의 공모, 선정, 일정, GPU에 대해 답할 수 있어요.",
            "fields": [
              {
                "name": "이런 주제는 답할 수 있어요",
                "value": "• AI 특화 파운데이션 모델 프로젝트 개요 — \`/fact topic:programme\`
      • 타임라인 (날짜별 주요 사건) — \`/fact topic:timeline\`",
              },
            ],
            "title": "오늘 날씨 어때?",
          },
        ],
      }
    `);
  });

  it('not found (empty question) in English', () => {
    const body = renderNotFound('en', '', 'empty', 'Ask me about the programme, e.g. "How many GPUs?"', []);
    expect(body.embeds).toMatchInlineSnapshot(`
      [
        {
          "color": 10265519,
          "description": "Ask me about the programme, e.g. "How many GPUs?"",
          "fields": [],
        },
      ]
    `);
  });

  it('escapes markdown in the question and text, and pings nobody whatever they contain', () => {
    const body = renderAnswer(answered('@everyone **굵게** [link](https://evil.example) <@&123>', [item({ text: 'a_b *c* `d`' })]));
    expect(body.embeds[0]!.title).toBe('@everyone \\*\\*굵게\\*\\* \\[link\\](https://evil.example) \\<@&123\\>');
    expect(body.embeds[0]!.description).toBe('a\\_b \\*c\\* \\`d\\`');
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(unmd(body.embeds[0]!.title!)).toBe('@everyone **굵게** [link](https://evil.example) <@&123>');
  });
});

describe('renderQuickFact', () => {
  it('a topic: its title and each fact with a short citation; plans marked', () => {
    const body = renderQuickFact({
      type: 'topic',
      lang: 'en',
      topic: { id: 'gpu', title: 'GPU support (NVIDIA B200)' },
      items: [
        item({ factId: 'gpu-b200-allocation', text: 'Each selected team receives 256 NVIDIA B200 GPUs.', sources: [herald] }),
        item({ factId: 'gpu-support-start', kind: 'plan', asOf: '2025-10-31', text: 'Support starts in December 2025.', sources: [edaily] }),
      ],
    });
    expect(body).toMatchInlineSnapshot(`
      {
        "allowedMentions": {
          "parse": [],
          "repliedUser": false,
        },
        "components": [],
        "embeds": [
          {
            "color": 1096065,
            "description": "• Each selected team receives 256 NVIDIA B200 GPUs. — [헤럴드경제, 2025-10-31](https://biz.heraldcorp.com/article/10606014)
      • Support starts in December 2025. *(plan as of 2025-10-31)* — 이데일리, 2025-11-23",
            "fields": [],
            "title": "GPU support (NVIDIA B200)",
          },
        ],
      }
    `);
  });

  it('the timeline: dated lines with their sources', () => {
    const body = renderQuickFact({
      type: 'timeline',
      lang: 'ko',
      events: [
        { date: '2025-09', text: '공모 시작', factId: 'call-open', source: herald },
        { date: '2025-10-31', text: '루닛·KAIST 컨소시엄 선정 발표', factId: 'selection-result', source: edaily },
      ],
    });
    expect(body.embeds).toMatchInlineSnapshot(`
      [
        {
          "color": 1096065,
          "description": "**2025-09** 공모 시작 — [헤럴드경제](https://biz.heraldcorp.com/article/10606014)
      **2025-10-31** 루닛·KAIST 컨소시엄 선정 발표 — 이데일리",
          "fields": [],
          "title": "타임라인",
        },
      ]
    `);
  });

  it('one fact, with feedback buttons', () => {
    const body = renderQuickFact({ type: 'fact', lang: 'ko', item: item({}) }, { feedbackKey: 'k0000001' });
    expect(body.components[0]!.components.map((b) => b.custom_id)).toEqual(['fb:u:k0000001:lunit-consortium-companies', 'fb:d:k0000001:lunit-consortium-companies']);
    expect(body.embeds[0]!.title).toBeUndefined();
  });

  it('a long timeline is cut within the limits and says how many more', () => {
    const events = Array.from({ length: 400 }, (_, i) => ({
      date: '2025-10-31',
      text: `사건 ${i} `.repeat(8),
      factId: `e-${i}`,
      source: herald,
    }));
    const body = renderQuickFact({ type: 'timeline', lang: 'en', events });
    expectWithinLimits(toApi(body));
    const e = body.embeds[0]!;
    const last = e.fields!.at(-1)!.value;
    expect(last).toMatch(/^…and \d+ more$/);
    const shown = [e.description!, ...e.fields!.map((f) => f.value)].join('\n').split('\n').filter((l) => l.startsWith('**')).length;
    expect(shown + Number(/\d+/.exec(last)![0])).toBe(400);
  });

  it('an empty topic and an empty timeline say so', () => {
    expect(renderQuickFact({ type: 'topic', lang: 'ko', topic: { id: 't', title: 'T' }, items: [] }).embeds[0]!.description).toBe('이 주제에는 아직 정리된 사실이 없어요.');
    expect(renderQuickFact({ type: 'timeline', lang: 'en', events: [] }).embeds[0]!.description).toBe('No dated events yet.');
  });
});

describe('other messages', () => {
  it('topic not found', () => {
    expect(renderTopicNotFound('ko', 'zz', [{ id: 'gpu', title: 'GPU 지원 (엔비디아 B200)' }]).embeds).toMatchInlineSnapshot(`
      [
        {
          "color": 10265519,
          "description": "‘zz’에 맞는 주제를 찾지 못했어요. 아래 주제 중에서 골라 보세요.",
          "fields": [
            {
              "name": "이런 주제는 답할 수 있어요",
              "value": "• GPU 지원 (엔비디아 B200) — \`/fact topic:gpu\`",
            },
          ],
        },
      ]
    `);
  });

  it('a notice is plain content, cut to 2000, without pings', () => {
    const n = renderNotice('x'.repeat(3000));
    expect(n.content!.length).toBe(2000);
    expect(n.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });
});

describe('feedback custom ids', () => {
  it('round-trip and stay within 100 characters', () => {
    const id = feedbackCustomId('down', 'k3x9q2m1', 'lunit-consortium-companies');
    expect(id).toBe('fb:d:k3x9q2m1:lunit-consortium-companies');
    expect(parseFeedbackId(id)).toEqual({ vote: 'down', key: 'k3x9q2m1', factId: 'lunit-consortium-companies' });
    const long = feedbackCustomId('up', 'k3x9q2m1', 'a'.repeat(120));
    expect(long).toBe('fb:u:k3x9q2m1:');
    expect(parseFeedbackId(long)).toEqual({ vote: 'up', key: 'k3x9q2m1' });
    expect(parseFeedbackId('fb:x:1:2')).toBeUndefined();
    expect(parseFeedbackId('something-else')).toBeUndefined();
  });
});

describe('limits under any input', () => {
  const text = fc.string({ unit: fc.constantFrom('가', 'a', ' ', '*', '\n', '😀', '_', '['), maxLength: 6000 });
  const citation = fc.record({
    sourceId: fc.constant('s'),
    title: text,
    publisher: text,
    date: fc.constant('2025-10-31'),
    url: fc.option(fc.webUrl(), { nil: undefined }),
  });
  const anyItem = fc.record({
    factId: fc.stringMatching(/^[a-z0-9-]{1,140}$/),
    topic: fc.constant('t'),
    text,
    score: fc.double({ noNaN: true }),
    asOf: fc.constant('2025-10-31'),
    kind: fc.constantFrom('fact' as const, 'plan' as const, 'conflict' as const),
    sources: fc.array(citation, { maxLength: 6 }),
  });

  it('answers fit Discord whatever the question and facts', () => {
    fc.assert(
      fc.property(text, fc.array(anyItem, { minLength: 1, maxLength: 3 }), fc.constantFrom('ko' as const, 'en' as const), (question, items, lang) => {
        expectWithinLimits(toApi(renderAnswer({ question, lang, answered: true, answers: items }, { feedbackKey: 'abcdefgh' })));
      }),
      { numRuns: 150 },
    );
  });

  it('a "sources" follow-up fits Discord with up to 80 sources of any length', () => {
    fc.assert(
      fc.property(anyItem, fc.array(citation, { minLength: 1, maxLength: 80 }), fc.constantFrom('ko' as const, 'en' as const), (it, sources, lang) => {
        expectWithinLimits(toApi(renderAnswer({ question: 'sources', lang, answered: true, answers: [{ ...it, sources }], followUp: { kind: 'sources' } }, { feedbackKey: 'abcdefgh' })));
      }),
      { numRuns: 80 },
    );
  });

  it('topics and timelines fit Discord whatever their size', () => {
    fc.assert(
      fc.property(fc.array(anyItem, { maxLength: 60 }), text, (items, title) => {
        expectWithinLimits(toApi(renderQuickFact({ type: 'topic', lang: 'ko', topic: { id: 't', title }, items })));
        const events = items.map((i) => ({ date: '2025-10', text: i.text, factId: i.factId, source: i.sources[0] ?? herald }));
        expectWithinLimits(toApi(renderQuickFact({ type: 'timeline', lang: 'en', events })));
      }),
      { numRuns: 80 },
    );
  });

  it('fitMessage trims many big embeds to 6000 characters', () => {
    const big = { title: 't'.repeat(300), description: 'd'.repeat(5000), fields: Array.from({ length: 30 }, () => ({ name: 'n'.repeat(300), value: 'v'.repeat(2000) })) };
    const out = fitMessage([big, big, big]);
    expectWithinLimits({ embeds: out });
  });
});

describe('text helpers', () => {
  it('truncate never splits a surrogate pair', () => {
    expect(truncate('😀😀😀', 4)).toBe('😀…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
  });

  it('joinWithin keeps whole lines and says how many are left', () => {
    expect(joinWithin(['aaaa', 'bbbb', 'cccc'], 12, (n) => `+${n}`)).toBe('aaaa\nbbbb\n+1');
    expect(joinWithin(['x'.repeat(50), 'y'], 20, (n) => `+${n}`)).toBe(`${'x'.repeat(16)}…\n+1`);
    expect(joinWithin([], 20, (n) => `+${n}`)).toBe('\u200b');
  });

  it('md and unmd are inverse', () => {
    fc.assert(fc.property(fc.string(), (s) => unmd(md(s)) === s));
  });
});

/** The body as discord.js sends it (snake_case allowed_mentions). */
function toApi(body: ReturnType<typeof renderAnswer>) {
  return { content: body.content, embeds: body.embeds, components: body.components, allowed_mentions: { parse: body.allowedMentions.parse, replied_user: body.allowedMentions.repliedUser } };
}

describe('a plan asked about as an outcome', () => {
  it('says first that the outcome is not in the sources, then shows the plan', () => {
    const a: Answer = {
      ...answered('Did it pass the final evaluation?', [item({ kind: 'plan' })], 'en'),
      notice: { kind: 'outcome-unknown', text: 'The outcome is not in my sources yet (the newest is from 2026-08-07).', knownUntil: '2026-08-07' },
    };
    const description = renderAnswer(a).embeds[0]!.description!;
    expect(description.startsWith('⚠️ The outcome is not in my sources yet')).toBe(true);
  });
});

describe('follow-ups', () => {
  const longTitle = '과학기술정보통신부, 인공지능 특화 파운데이션 모델 프로젝트 2단계 평가 결과와 추가 지원 계획을 발표하며 참여 기관별 GPU 배분 내역과 일정을 공개했다는 긴 제목의 보도자료';

  it('"출처 더": the fact, then every source that states it, one a line, titles in full', () => {
    const msit: Citation = { sourceId: '10-msit', title: longTitle, publisher: '과학기술정보통신부', date: '2025-12-01', url: 'https://www.msit.go.kr/bbs/view.do?nttSeqNo=1' };
    const yonhap: Citation = { sourceId: '11-yonhap', title: '[단독] 특화 AI 모델 GPU 지원', publisher: '연합뉴스', date: '2025-10-02', url: 'https://www.yna.co.kr/view/AKR1' };
    const body = renderAnswer({ ...answered('출처 더 보여줘', [item({ sources: [edaily, herald, koreaPost, msit, yonhap] })]), followUp: { kind: 'sources' } }, { feedbackKey: 'abcdefgh' });
    expectWithinLimits(toApi(body));
    expect(body.embeds).toMatchInlineSnapshot(`
      [
        {
          "color": 3900150,
          "description": "루닛 컨소시엄에 참여하는 기업은 7곳이다.

      • ‘소버린 AI’ 구축 넘어 산업 적용까지… 두 번째 전략축 가동 — 이데일리, 2025-11-23
      • [의과학·바이오 특화 파운데이션 모델 본격 가동…루닛·KAIST 컨소시엄 선정](https://biz.heraldcorp.com/article/10606014) — 헤럴드경제, 2025-10-31
      • [South Korea launches medical and bio-specialized AI foundation model projects](http://www.koreapost.com/news/articleViewAmp.html?idxno=46577) — The Korea Post, 2025-10-31 (날짜 추정)
      • [과학기술정보통신부, 인공지능 특화 파운데이션 모델 프로젝트 2단계 평가 결과와 추가 지원 계획을 발표하며 참여 기관별 GPU 배분 내역과 일정을 공개했다는 긴 제목의 보도자료](https://www.msit.go.kr/bbs/view.do?nttSeqNo=1) — 과학기술정보통신부, 2025-12-01
      • [(단독) 특화 AI 모델 GPU 지원](https://www.yna.co.kr/view/AKR1) — 연합뉴스, 2025-10-02",
          "fields": [],
          "footer": {
            "text": "공개 자료로 정리한 사실 · lunit-consortium-companies",
          },
          "title": "출처 전체 (5건)",
        },
      ]
    `);
    expect(body.components[0]!.components.map((b) => b.custom_id)).toEqual(['fb:u:abcdefgh:lunit-consortium-companies', 'fb:d:abcdefgh:lunit-consortium-companies']);
  });

  it('"in English": the answer alone, not titled with the request', () => {
    const english = answered('in English please', [item({ text: 'Seven companies take part in the Lunit consortium.' })], 'en');
    const body = renderAnswer({ ...english, followUp: { kind: 'language' } });
    expect(body.embeds[0]!.title).toBeUndefined();
    expect(body).toEqual(renderAnswer({ ...english, question: '' }));
    // Any other follow-up keeps the question as the title, as a question does.
    expect(renderAnswer({ ...answered('그럼 KAIST는?', [item({})]), followUp: { kind: 'entity-swap' } }).embeds[0]!.title).toBe('그럼 KAIST는?');
  });
});
