/** Block Kit layout (adapters/slack/format.ts): snapshots of the two main replies, escaping, limits. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerItem, Citation, QuickFact, TopicRef } from '../../src/types.ts';
import { formatAnswer, formatNotFound, formatQuickFact, formatTopicList, type SlackMessage } from '../../adapters/slack/format.ts';
import { LIMITS } from '../../adapters/slack/mrkdwn.ts';
import { FeedbackValue, ShareValue, decodeValue } from '../../adapters/slack/values.ts';

const NOW = new Date('2025-12-01T00:00:00Z');
const LIVE_MENTION = /<!channel>|<!here>|<!everyone>|<@[UW]|<!subteam|<#C/;

const zdnet: Citation = {
  sourceId: '59-zdnet',
  title: "정부, 'AI 특화 파운데이션 모델' 개발 본격화",
  publisher: '지디넷코리아',
  date: '2025-09-05',
  url: 'https://zdnet.co.kr/view/?no=20250905142804',
};
const edaily: Citation = { sourceId: '00-edaily', title: '‘소버린 AI’ 구축 넘어 산업 적용까지', publisher: '이데일리', date: '2025-11-23' };
const boan: Citation = {
  sourceId: '62-boannews',
  title: '과기정통부, 특화 분야 AI 파운데이션 모델 개발 공모',
  publisher: '보안뉴스',
  date: '2025-09-05',
  dateNote: 'not shown',
  url: 'http://m.boannews.com/html/detail.html?idx=139102&tab_type=1',
};

function item(over: Partial<AnswerItem> = {}): AnswerItem {
  return {
    factId: 'gpu-b200-allocation',
    topic: 'gpu',
    text: '선정된 팀은 각각 엔비디아 B200 GPU 256장을 지원받는다. 두 팀을 합하면 512장이다.',
    score: 1,
    asOf: '2025-10-31',
    kind: 'fact',
    sources: [zdnet, boan],
    ...over,
  };
}

const answered: Answer = {
  question: 'GPU 몇 장 지원돼?',
  lang: 'ko',
  answered: true,
  answers: [
    item(),
    item({ factId: 'stage1-schedule', topic: 'schedule', kind: 'plan', asOf: '2025-11-23', text: '1단계는 2026년 3월까지 진행할 계획이다.', sources: [edaily] }),
  ],
};

const notFound: Answer = {
  question: 'What should I have for lunch?',
  lang: 'en',
  answered: false,
  answers: [],
  notFound: {
    reason: 'out-of-scope',
    hint: "The sources I have don't answer that.",
    suggestedTopics: [
      { id: 'gpu', title: 'GPU support (NVIDIA B200)' },
      { id: 'timeline', title: 'Timeline (dated events)' },
    ],
  },
};

/** Every text a message carries, for limit and mention checks. */
function texts(m: SlackMessage): string[] {
  const out = [m.text];
  for (const b of m.blocks as Array<Record<string, any>>) {
    if (b.text?.text) out.push(b.text.text);
    for (const e of b.elements ?? []) {
      if (typeof e.text === 'string') out.push(e.text);
      if (e.text?.text) out.push(e.text.text);
      if (e.value) out.push(e.value);
    }
  }
  return out;
}

/** Outside our own `<http…|label>` links, no mrkdwn text holds a raw `<` or `>` (markup we did not mean). */
function checkMarkup(m: SlackMessage): void {
  const mrkdwn: string[] = [m.text];
  for (const b of m.blocks as Array<Record<string, any>>) {
    if (b.text?.type === 'mrkdwn') mrkdwn.push(b.text.text);
    if (b.type === 'context') for (const e of b.elements) mrkdwn.push(e.text);
  }
  for (const t of mrkdwn) expect(t.replace(/<https?:\/\/[^\s|<>]+\|[^<>]*>/g, '')).not.toMatch(/[<>]/);
}

function checkLimits(m: SlackMessage): void {
  expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(m.text.trim().length).toBeGreaterThan(0);
  expect(m.text.length).toBeLessThanOrEqual(LIMITS.messageText);
  for (const b of m.blocks as Array<Record<string, any>>) {
    if (b.type === 'section') {
      expect(b.text.text.trim().length).toBeGreaterThan(0);
      expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    }
    if (b.type === 'header') {
      expect(b.text.text.trim().length).toBeGreaterThan(0);
      expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    }
    if (b.type === 'context') {
      expect(b.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
      for (const e of b.elements) {
        expect(e.text.trim().length).toBeGreaterThan(0);
        expect(e.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      }
    }
    if (b.type === 'actions') {
      for (const e of b.elements) {
        expect(e.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
        expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        expect(() => JSON.parse(e.value)).not.toThrow();
      }
    }
  }
}

describe('formatAnswer', () => {
  it('lays out an answer: text, citation, as-of for plans, related facts, feedback buttons', () => {
    expect(formatAnswer(answered, { channelKind: 'channel', now: NOW })).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "선정된 팀은 각각 엔비디아 B200 GPU 256장을 지원받는다. 두 팀을 합하면 512장이다.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "출처: <https://zdnet.co.kr/view/?no=20250905142804|정부, 'AI 특화 파운데이션 모델' 개발 본격화> (지디넷코리아, 2025-09-05) · <http://m.boannews.com/html/detail.html?idx=139102&amp;tab_type=1|보안뉴스>",
                "type": "mrkdwn",
                "verbatim": true,
              },
            ],
            "type": "context",
          },
          {
            "text": {
              "text": "*관련:* 1단계는 2026년 3월까지 진행할 계획이다.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "출처: ‘소버린 AI’ 구축 넘어 산업 적용까지 (이데일리, 2025-11-23)",
                "type": "mrkdwn",
                "verbatim": true,
              },
              {
                "text": "📅 2025-11-23 기준 계획이에요. 이후 바뀌었을 수 있어요.",
                "type": "mrkdwn",
                "verbatim": true,
              },
            ],
            "type": "context",
          },
          {
            "elements": [
              {
                "action_id": "feedback_up",
                "text": {
                  "emoji": true,
                  "text": "👍 도움이 됐어요",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "{"f":"gpu-b200-allocation","l":"ko","c":"channel","q":"GPU 몇 장 지원돼?"}",
              },
              {
                "action_id": "feedback_down",
                "text": {
                  "emoji": true,
                  "text": "👎 아니에요",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "{"f":"gpu-b200-allocation","l":"ko","c":"channel","q":"GPU 몇 장 지원돼?"}",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "선정된 팀은 각각 엔비디아 B200 GPU 256장을 지원받는다. 두 팀을 합하면 512장이다.
      출처: 지디넷코리아, 2025-09-05, https://zdnet.co.kr/view/?no=20250905142804

      관련: 1단계는 2026년 3월까지 진행할 계획이다.
      출처: 이데일리, 2025-11-23
      📅 2025-11-23 기준 계획이에요. 이후 바뀌었을 수 있어요.",
      }
    `);
  });

  it('says "not found" kindly and suggests /fact topics', () => {
    expect(formatNotFound(notFound, { channelKind: 'command', echo: notFound.question, share: { k: 'ask', q: notFound.question }, now: NOW })).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "The sources I have don't answer that.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "You can look these up with \`/fact &lt;topic&gt;\`:
      • GPU support (NVIDIA B200) — \`/fact gpu\`
      • Timeline (dated events) — \`/fact timeline\`",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "❓ Question: What should I have for lunch?",
                "type": "mrkdwn",
                "verbatim": true,
              },
            ],
            "type": "context",
          },
          {
            "elements": [
              {
                "action_id": "share_answer",
                "style": "primary",
                "text": {
                  "emoji": true,
                  "text": "📣 Share in channel",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "{"k":"ask","q":"What should I have for lunch?"}",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "The sources I have don't answer that.

      • GPU support (NVIDIA B200) — /fact gpu
      • Timeline (dated events) — /fact timeline

      Question: What should I have for lunch?",
      }
    `);
  });

  it('uses English labels for English questions', () => {
    const en: Answer = { ...answered, lang: 'en', answers: [item({ text: 'Each selected team gets 256 NVIDIA B200 GPUs.' })] };
    const m = formatAnswer(en, { channelKind: 'dm', now: NOW });
    expect(JSON.stringify(m.blocks)).toContain('Sources: <https://zdnet.co.kr');
    expect(JSON.stringify(m.blocks)).toContain('👍 Helpful');
    expect(m.text).toContain('Source: 지디넷코리아, 2025-09-05');
  });

  it('adds an as-of date to facts that may be outdated, not to recent ones', () => {
    const old = { ...answered, answers: [item({ asOf: '2025-01-10' })] };
    expect(JSON.stringify(formatAnswer(old, { channelKind: 'channel', now: NOW }).blocks)).toContain('2025-01-10 기준이에요');
    expect(JSON.stringify(formatAnswer(old, { channelKind: 'channel', now: new Date('2025-02-01') }).blocks)).not.toContain('기준');
    const conflict = { ...answered, answers: [item({ kind: 'conflict' })] };
    expect(JSON.stringify(formatAnswer(conflict, { channelKind: 'channel', now: NOW }).blocks)).toContain('출처마다 내용이 달라요 (2025-10-31 기준)');
  });

  it('escapes corpus text and neutralises the echoed question', () => {
    const tricky: Answer = {
      ...answered,
      question: '<!channel> <@U123> @here & <b>',
      answers: [item({ text: 'A & B <!here> <@U999|x> <https://evil.example|click>', sources: [{ ...zdnet, title: 'T|>itle <!channel>', publisher: 'P&Co' }] })],
    };
    const m = formatAnswer(tricky, { channelKind: 'command', echo: tricky.question, now: NOW });
    for (const t of texts(m).filter((t) => !t.startsWith('{'))) expect(t).not.toMatch(LIVE_MENTION);
    const blocks = JSON.stringify(m.blocks);
    expect(blocks).toContain('A &amp; B &lt;!here&gt; &lt;@U999|x&gt; &lt;https://evil.example|click&gt;');
    expect(blocks).toContain('|T¦&gt;itle &lt;!channel&gt;>');
    expect(blocks).toContain('❓ 질문: &lt;!channel&gt; &lt;@U123&gt; @\u200bhere &amp; &lt;b&gt;');
  });

  it('cuts a long answer at the section limit with a link to the rest at the source', () => {
    const long = { ...answered, answers: [item({ text: '가나다 & '.repeat(1000) })] };
    const m = formatAnswer(long, { channelKind: 'channel', now: NOW });
    const first = (m.blocks[0] as { text: { text: string } }).text.text;
    expect(first.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(first).toMatch(/… \(<https:\/\/zdnet\.co\.kr\/view\/\?no=20250905142804\|전체 내용은 출처에서>\)$/);
    expect(first).not.toMatch(/&(a|am|amp)?…/); // no entity cut in half
    checkLimits(m);
  });
});

describe('formatQuickFact and formatTopicList', () => {
  it('a topic with many facts stays within 50 blocks and says how many were left out', () => {
    const qf: QuickFact = { type: 'topic', lang: 'ko', topic: { id: 'gpu', title: 'GPU 지원' }, items: Array.from({ length: 40 }, (_, i) => item({ factId: `f-${i}` })) };
    const m = formatQuickFact(qf, { channelKind: 'command', share: { k: 'fact', q: 'gpu' }, echo: 'gpu', now: NOW });
    checkLimits(m);
    expect(m.blocks.at(-1)!.type).toBe('actions');
    expect(JSON.stringify(m.blocks)).toContain('…외 17건은 `/ask 질문`으로 물어봐 주세요.');
    const up = JSON.parse((m.blocks.at(-1) as any).elements[0].value);
    expect(up).toEqual({ f: 'topic:gpu', l: 'ko', c: 'command', q: 'gpu' });
  });

  it('a long timeline is packed into whole lines within the limits', () => {
    const events = Array.from({ length: 2000 }, (_, i) => ({ date: '2025-10-31', text: `사건 ${i} & 발표 `.repeat(3), factId: `f-${i}`, source: zdnet }));
    const m = formatQuickFact({ type: 'timeline', lang: 'ko', events }, { channelKind: 'command', now: NOW });
    checkLimits(m);
    for (const b of m.blocks as any[]) if (b.type === 'section') for (const line of b.text.text.split('\n')) expect(line).toMatch(/^• \*2025-10-31\* .*\)>$|^• \*2025-10-31\* .*지디넷코리아>$/);
    expect(JSON.stringify(m.blocks)).toMatch(/…외 \d+건은/);
  });

  it('lists topics with the configured command names', () => {
    const topics: TopicRef[] = [
      { id: 'gpu', title: 'GPU 지원' },
      { id: 'timeline', title: '타임라인' },
    ];
    const m = formatTopicList(topics, 'ko', { channelKind: 'command', commands: { ask: '/sov-ask', fact: '/sov-fact' } });
    expect(m.blocks).toMatchObject([
      { type: 'section', text: { text: '`/sov-fact 주제`로 바로 볼 수 있는 주제예요:\n• GPU 지원 — `/sov-fact gpu`\n• 타임라인 — `/sov-fact timeline`' } },
      { type: 'context', elements: [{ text: '궁금한 건 `/sov-ask 질문`으로 묻거나 저를 멘션해 주세요.' }] },
    ]);
    const unknown = formatTopicList(topics, 'en', { channelKind: 'command', unknown: '<!here> @here x' });
    expect(JSON.stringify(unknown.blocks)).toContain('I found no topic or fact for ‘&lt;!here&gt; @\u200bhere x’. Topics you can look up with `/fact &lt;topic&gt;`:');
    expect(JSON.stringify(unknown.blocks)).toContain('Ask anything with `/ask &lt;question&gt;` or by mentioning me.');
  });
});

describe('every reply stays within Slack limits and never pings anyone', () => {
  const str = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: fc.constantFrom('<', '>', '&', '|', '@', '!', '*', '`', '가', 'a', ' ', '\n', '😀'), maxLength: 400 }),
    fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '<@U123>', '<!subteam^S1|@g>', '@here', '&amp;lt;'),
    fc.string({ maxLength: 5000 }),
  );
  const citation = fc.record({
    sourceId: fc.constant('s'),
    title: str,
    publisher: str,
    date: fc.constant('2025-01-01'),
    url: fc.option(fc.oneof(fc.webUrl(), str), { nil: undefined }),
  });
  const answerItem = fc.record({
    factId: fc.stringMatching(/^[a-z0-9-]{1,40}$/),
    topic: fc.constant('t'),
    text: str,
    score: fc.constant(1),
    asOf: fc.constantFrom('2020-01-01', '2025-11-30'),
    kind: fc.constantFrom('fact', 'plan', 'conflict') as fc.Arbitrary<AnswerItem['kind']>,
    sources: fc.array(citation, { minLength: 1, maxLength: 12 }),
  });
  const anyAnswer = fc.record({
    question: fc.oneof(str, fc.string({ minLength: 900, maxLength: 1000, unit: fc.constantFrom('"', '\\', '가', '<') })),
    lang: fc.constantFrom('ko', 'en') as fc.Arbitrary<'ko' | 'en'>,
    answered: fc.boolean(),
    answers: fc.array(answerItem, { maxLength: 3 }),
    notFound: fc.record({ reason: fc.constant('out-of-scope' as const), hint: str, suggestedTopics: fc.array(fc.record({ id: fc.stringMatching(/^[a-z-]{1,20}$/), title: str }), { maxLength: 8 }) }),
  });

  test.prop([anyAnswer, fc.boolean()], { numRuns: 150 })('formatAnswer', (answer, command) => {
    const opts = command
      ? { channelKind: 'command' as const, echo: answer.question, share: { k: 'ask' as const, q: answer.question }, now: NOW }
      : { channelKind: 'channel' as const, now: NOW };
    const m = formatAnswer(answer, opts);
    checkLimits(m);
    checkMarkup(m);
    for (const t of texts(m)) if (!t.startsWith('{')) expect(t).not.toMatch(LIVE_MENTION);
    for (const b of m.blocks as any[]) {
      if (b.type !== 'actions') continue;
      for (const e of b.elements) {
        const v = e.action_id === 'share_answer' ? decodeValue(ShareValue, e.value) : decodeValue(FeedbackValue, e.value);
        expect(v).toBeDefined();
        expect(answer.question.startsWith(v!.q)).toBe(true);
      }
    }
  });

  test.prop([anyAnswer, fc.array(citation, { minLength: 1, maxLength: 80 })], { numRuns: 60 })('formatAnswer (a "sources" follow-up, up to 80 sources)', (answer, sources) => {
    const m = formatAnswer({ ...answer, answers: answer.answers.map((a) => ({ ...a, sources })), followUp: { kind: 'sources' } }, { channelKind: 'dm', now: NOW });
    checkLimits(m);
    checkMarkup(m);
    for (const t of texts(m)) if (!t.startsWith('{')) expect(t).not.toMatch(LIVE_MENTION);
  });

  test.prop([fc.array(answerItem, { maxLength: 60 }), str], { numRuns: 40 })('formatQuickFact (topic)', (items, title) => {
    const m = formatQuickFact({ type: 'topic', lang: 'en', topic: { id: 'x', title }, items }, { channelKind: 'command', echo: title, now: NOW });
    checkLimits(m);
    checkMarkup(m);
    for (const t of texts(m)) if (!t.startsWith('{')) expect(t).not.toMatch(LIVE_MENTION);
  });

  test.prop([fc.array(fc.record({ id: fc.stringMatching(/^[a-z-]{1,20}$/), title: str }), { maxLength: 80 }), fc.option(str, { nil: undefined }), fc.constantFrom('ko', 'en') as fc.Arbitrary<'ko' | 'en'>], { numRuns: 60 })(
    'formatTopicList',
    (topics, unknown, lang) => {
      const m = formatTopicList(topics, lang, { channelKind: 'command', ...(unknown !== undefined ? { unknown } : {}) });
      checkLimits(m);
      checkMarkup(m);
      for (const t of texts(m)) expect(t).not.toMatch(LIVE_MENTION);
    },
  );

  test.prop([fc.array(fc.record({ date: fc.constant('2025-10'), text: str, factId: fc.constant('f'), source: citation }), { maxLength: 300 })], { numRuns: 30 })(
    'formatQuickFact (timeline)',
    (events) => {
      const m = formatQuickFact({ type: 'timeline', lang: 'ko', events }, { channelKind: 'channel', now: NOW });
      checkLimits(m);
      checkMarkup(m);
      for (const t of texts(m)) if (!t.startsWith('{')) expect(t).not.toMatch(LIVE_MENTION);
    },
  );
});

describe('a plan asked about as an outcome', () => {
  it('says first that the outcome is not in the sources, then shows the plan', () => {
    const notice = { kind: 'outcome-unknown' as const, text: '결과는 제가 가진 자료(가장 최근 2026-08-07)에 아직 없어요.', knownUntil: '2026-08-07' };
    const m = formatAnswer({ question: '최종평가 결과 나왔어?', lang: 'ko', answered: true, answers: [item({ kind: 'plan' })], notice }, { channelKind: 'channel', now: NOW });
    expect(JSON.stringify(m.blocks[0])).toContain('아직 없어요');
    expect(m.text.startsWith(notice.text)).toBe(true);
  });
});

describe('follow-ups', () => {
  const longTitle = '과학기술정보통신부, 인공지능 특화 파운데이션 모델 프로젝트 2단계 평가 결과와 추가 지원 계획을 발표하며 참여 기관별 GPU 배분 내역을 공개';
  const others: Citation[] = [
    { sourceId: '10-msit', title: longTitle, publisher: '과학기술정보통신부', date: '2025-12-01', url: 'https://www.msit.go.kr/bbs/view.do?nttSeqNo=1' },
    { sourceId: '11-yonhap', title: '특화 AI 모델 GPU 지원', publisher: '연합뉴스', date: '2025-10-02', url: 'https://www.yna.co.kr/view/AKR1' },
  ];

  it('"출처 더": the fact, then every source that states it, one a line, titles in full', () => {
    const answer: Answer = { question: '출처 더 보여줘', lang: 'ko', answered: true, answers: [item({ sources: [zdnet, boan, edaily, ...others] })], followUp: { kind: 'sources' } };
    const m = formatAnswer(answer, { channelKind: 'channel', now: NOW });
    expect({ text: m.text, blocks: m.blocks.filter((b) => b.type !== 'actions') }).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "선정된 팀은 각각 엔비디아 B200 GPU 256장을 지원받는다. 두 팀을 합하면 512장이다.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "*출처 전체 (5건)*
      • <https://zdnet.co.kr/view/?no=20250905142804|정부, 'AI 특화 파운데이션 모델' 개발 본격화> (지디넷코리아, 2025-09-05)
      • <http://m.boannews.com/html/detail.html?idx=139102&amp;tab_type=1|과기정통부, 특화 분야 AI 파운데이션 모델 개발 공모> (보안뉴스, 2025-09-05, 날짜 추정)
      • ‘소버린 AI’ 구축 넘어 산업 적용까지 (이데일리, 2025-11-23)
      • <https://www.msit.go.kr/bbs/view.do?nttSeqNo=1|과학기술정보통신부, 인공지능 특화 파운데이션 모델 프로젝트 2단계 평가 결과와 추가 지원 계획을 발표하며 참여 기관별 GPU 배분 내역을 공개> (과학기술정보통신부, 2025-12-01)
      • <https://www.yna.co.kr/view/AKR1|특화 AI 모델 GPU 지원> (연합뉴스, 2025-10-02)",
              "type": "mrkdwn",
            },
            "type": "section",
          },
        ],
        "text": "선정된 팀은 각각 엔비디아 B200 GPU 256장을 지원받는다. 두 팀을 합하면 512장이다.

      출처 전체 (5건)
      • 정부, 'AI 특화 파운데이션 모델' 개발 본격화 (지디넷코리아, 2025-09-05, https://zdnet.co.kr/view/?no=20250905142804)
      • 과기정통부, 특화 분야 AI 파운데이션 모델 개발 공모 (보안뉴스, 2025-09-05, 날짜 추정, http://m.boannews.com/html/detail.html?idx=139102&amp;tab_type=1)
      • ‘소버린 AI’ 구축 넘어 산업 적용까지 (이데일리, 2025-11-23)
      • 과학기술정보통신부, 인공지능 특화 파운데이션 모델 프로젝트 2단계 평가 결과와 추가 지원 계획을 발표하며 참여 기관별 GPU 배분 내역을 공개 (과학기술정보통신부, 2025-12-01, https://www.msit.go.kr/bbs/view.do?nttSeqNo=1)
      • 특화 AI 모델 GPU 지원 (연합뉴스, 2025-10-02, https://www.yna.co.kr/view/AKR1)",
      }
    `);
    // The vote is on the fact, with what was asked.
    const actions = m.blocks.at(-1) as { type: string; elements: { value: string }[] };
    expect(actions.type).toBe('actions');
    expect(decodeValue(FeedbackValue, actions.elements[0]!.value)).toMatchObject({ f: 'gpu-b200-allocation', q: '출처 더 보여줘' });
  });

  it('"in English": just the answer, in English, laid out as any answer', () => {
    const english: Answer = { ...answered, question: 'in English please', lang: 'en', answers: [item({ text: 'Each selected team gets 256 NVIDIA B200 GPUs; 512 for both.' })] };
    const m = formatAnswer({ ...english, followUp: { kind: 'language' } }, { channelKind: 'channel', now: NOW });
    expect(m).toEqual(formatAnswer(english, { channelKind: 'channel', now: NOW }));
    expect(m.text).not.toContain('in English please');
  });
});
