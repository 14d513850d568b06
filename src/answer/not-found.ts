/** "Not found", with a hint of what the bot can answer and topics to try. */
import { TIMELINE_TOPIC } from '../topic-search.ts';
import type { Corpus } from '../corpus/load.ts';
import type { Answer, Lang, TopicRef } from '../types.ts';

/** Every topic (and the timeline), for /fact lists and autocomplete. */
export function topicRefs(corpus: Corpus, lang: Lang): TopicRef[] {
  return [...corpus.topics.map((t) => ({ id: t.id, title: t.title[lang] })), { id: TIMELINE_TOPIC.id, title: TIMELINE_TOPIC.title[lang] }];
}

const HINTS = {
  ko: {
    empty: 'AI 특화 파운데이션 모델 프로젝트에 대해 궁금한 점을 물어봐 주세요. 예: "루닛 컨소시엄 참여 기관은?", "GPU 몇 장 지원돼?"',
    'out-of-scope': '이 질문에 대한 답은 제가 가진 자료에 없어요. AI 특화 파운데이션 모델 프로젝트의 공모, 선정, 일정, GPU, 컨소시엄과 모델에 대해 답할 수 있어요.',
    'nothing-to-act-on': '출처나 번역, 추가 설명을 보여 드릴 앞선 답이 없어요. 먼저 질문해 주세요. 예: "루닛 컨소시엄 참여 기관은?"',
  },
  en: {
    empty: 'Ask me about the AI specialized foundation model programme, e.g. "Who is in the Lunit consortium?" or "How many GPUs does each team get?"',
    'out-of-scope': "The sources I have don't answer that. I can answer about the AI specialized foundation model programme: its call, selection, schedule, GPUs, consortia and models.",
    'nothing-to-act-on': 'There is no earlier answer here to show sources for, translate or expand. Ask a question first, e.g. "Who is in the Lunit consortium?"',
  },
} as const;

export function notFound(corpus: Corpus, question: string, lang: Lang, reason: 'empty' | 'out-of-scope' | 'nothing-to-act-on', near: string[]): Answer {
  const byId = new Map(topicRefs(corpus, lang).map((r) => [r.id, r]));
  const suggested = [...new Set([...near, 'programme', 'selection', 'schedule', 'gpu', 'timeline'])]
    .map((id) => byId.get(id))
    .filter((r): r is TopicRef => r !== undefined)
    .slice(0, 5);
  return { question, lang, answered: false, answers: [], notFound: { reason, hint: HINTS[lang][reason], suggestedTopics: suggested } };
}
