/**
 * Every fact of the founding article (shared/sources/00-edaily-2025-11-23.md) is answerable: one
 * question per fact, asked the way a person would, answered first by a fact that states it.
 */
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../src/index.ts';

const engine = loadEngine();

const CASES: [question: string, facts: string[]][] = [
  ['특화 파운데이션이 두 번째 전략축이라는 게 무슨 뜻이야?', ['programme-second-strategic-axis', 'strategy-ax-practice-axis', 'strategy-two-track']],
  ['독자 AI 파운데이션 모델이랑 특화 파운데이션은 뭐가 달라?', ['strategy-sovereign-vs-specialised', 'dokpamo-general-purpose', 'strategy-two-track']],
  ['특화 파운데이션 사업은 어느 부처가 추진해?', ['programme-organisers', 'programme-overview']],
  ['수행기관으로 어느 컨소시엄이 선정됐어?', ['selection-result', 'programme-overview']],
  ['공모에 몇 개 컨소시엄이 지원했어?', ['selection-applicants-18']],
  ['경쟁률이 얼마였어?', ['selection-ratio-conflict']],
  ['접수 마감이 언제였어?', ['call-deadline', 'selection-applicants-18']],
  ['수행팀은 서면평가랑 발표평가로 뽑았어?', ['selection-review-process']],
  ['GPU 몇 장 지원받아?', ['gpu-b200-allocation', 'gpu-founding-256-wording']],
  ['GPU는 누가 공급해?', ['elice-supplier']],
  ['GPU 지원은 언제부터 시작됐어?', ['gpu-support-start']],
  ['왜 의과학이랑 바이오 분야를 골랐대?', ['programme-medical-bio-focus']],
  ['루닛이랑 KAIST는 프롬 스크래치로 개발해?', ['programme-from-scratch', 'call-from-scratch-or-further-training']],
  ['모델을 오픈소스로 공개해?', ['open-source-plans', 'programme-goal-2026']],
  ['1차 개발은 언제까지 해?', ['schedule-first-development-2026-03']],
  ['1차 개발 끝나면 사업이 계속 이어져?', ['expansion-continuing-project']],
  ['데이터 스페이스 같은 데이터 사업이랑 연계돼?', ['programme-data-space']],
  ['과기정통부 관계자는 AI 고속도로 얘기를 뭐라고 했어?', ['strategy-msit-ai-highway-quote']],
  ['루닛 컨소시엄에 참여하는 기업은?', ['lunit-consortium-companies']],
  ['루닛 컨소시엄 대학 연구실은 어디야?', ['lunit-consortium-labs']],
  ['루닛 컨소시엄에 들어간 병원들 알려줘', ['lunit-consortium-hospitals']],
  ['루닛 컨소시엄은 모두 몇 개 기관이야?', ['lunit-consortium-size', 'lunit-consortium-overview']],
  ['루닛 컨소시엄은 어떤 모델을 만들어?', ['lunit-model-scope', 'lunit-consortium-overview']],
  ['KAIST 컨소시엄에는 누가 참여해?', ['kaist-consortium-members', 'kaist-consortium-count']],
  ['KAIST 컨소시엄이 만드는 모델 이름은?', ['k-fold-name']],
  ['K-Fold는 무슨 용도의 모델이야?', ['kaist-consortium-focus', 'k-fold-goals', 'k-fold-name']],
  ['정부는 이 사업으로 산업에 어떤 효과를 기대해?', ['strategy-expected-industry-effects', 'strategy-ax-practice-axis']],
  ['중소기업이나 스타트업에는 어떤 도움이 돼?', ['strategy-ecosystem-smes']],
  ['NIPA 관계자는 이 사업을 어떻게 평가했어?', ['strategy-nipa-two-track-quote']],
  ['2025년 11월 23일에 과기정통부가 사업 상황에 대해 뭐라고 했어?', ['programme-founding-report']],
];

describe('every fact of the founding article is answerable', () => {
  it.each(CASES)('%s', (question, facts) => {
    const a = engine.ask(question);
    expect(a.answered).toBe(true);
    expect(facts).toContain(a.answers[0]!.factId);
  });
});
