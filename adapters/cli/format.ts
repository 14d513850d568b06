import type { Explanation } from '../../src/engine.ts';
import type { Answer, AnswerItem, Citation, Lang, QuickFact, TopicRef } from '../../src/types.ts';

/** Plain-text rendering for the terminal: no colours, so it pipes and diffs cleanly. */

const LABELS = {
  ko: { source: '출처', related: '관련', asOf: '기준', notFound: '답을 찾지 못했어요.', topics: '물어볼 수 있는 주제', plan: '계획·일정', conflict: '출처마다 다름', timeline: '타임라인' },
  en: { source: 'Source', related: 'Related', asOf: 'as of', notFound: 'No answer found.', topics: 'Topics you can ask about', plan: 'plan/schedule', conflict: 'sources differ', timeline: 'Timeline' },
} as const;

/** `publisher, date, 「title」 url` for one source. */
export function citationText(c: Citation): string {
  return `${c.publisher}, ${c.date}, 「${c.title}」${c.url ? ` ${c.url}` : ''}`;
}

/** The `출처:` / `Source:` line: the primary source in full, then the others that state it, briefly. */
export function citationLine(item: AnswerItem, lang: Lang): string {
  const [primary, ...others] = item.sources;
  const also = others.length > 0 ? ` (${lang === 'ko' ? '같은 내용' : 'also'}: ${others.map((c) => `${c.publisher} ${c.date}`).join(', ')})` : '';
  return `${LABELS[lang].source}: ${citationText(primary!)}${also}`;
}

function statusNote(item: AnswerItem, lang: Lang): string | undefined {
  const l = LABELS[lang];
  if (item.kind === 'plan') return `(${l.plan}, ${lang === 'ko' ? `${item.asOf} ${l.asOf}` : `${l.asOf} ${item.asOf}`})`;
  if (item.kind === 'conflict') return `(${l.conflict})`;
  return undefined;
}

export function renderAnswer(a: Answer): string {
  const l = LABELS[a.lang];
  if (!a.answered) {
    const topics = a.notFound?.suggestedTopics.map((t) => `${t.id} (${t.title})`).join(', ') ?? '';
    return [l.notFound, a.notFound?.hint ?? '', topics && `${l.topics}: ${topics}`].filter(Boolean).join('\n');
  }
  const [best, ...related] = a.answers;
  if (a.followUp?.kind === 'sources') {
    // "출처 더": every source of the last answer, in full.
    return [best!.text, `${l.source}:`, ...best!.sources.map((c) => `- ${citationText(c)}`)].join('\n');
  }
  const lines = a.notice ? [a.notice.text, best!.text] : [best!.text];
  const note = statusNote(best!, a.lang);
  if (note) lines.push(note);
  lines.push(citationLine(best!, a.lang));
  if (related.length > 0) {
    lines.push('', `${l.related}:`);
    for (const r of related) lines.push(`- ${r.text}`, `  ${citationLine(r, a.lang)}`);
  }
  return lines.join('\n');
}

export function renderQuickFact(q: QuickFact): string {
  const l = LABELS[q.lang];
  switch (q.type) {
    case 'fact':
      return [q.item.text, statusNote(q.item, q.lang), citationLine(q.item, q.lang)].filter(Boolean).join('\n');
    case 'topic':
      return [`# ${q.topic.title}`, ...q.items.flatMap((i) => [`- ${i.text}`, `  ${citationLine(i, q.lang)}`])].join('\n');
    case 'timeline':
      return [`# ${l.timeline}`, ...q.events.map((e) => `${e.date}  ${e.text}  (${l.source}: ${e.source.publisher}, ${e.source.date})`)].join('\n');
  }
}

export function renderTopics(topics: TopicRef[]): string {
  return topics.map((t) => `${t.id}\t${t.title}`).join('\n');
}

/** The JSON contract of `ask --json`: one object per question. Extra fields extend it; none are renamed. */
export function answerJson(a: Answer) {
  return {
    question: a.question,
    answered: a.answered,
    lang: a.lang,
    answers: a.answers.map((i) => {
      const [primary] = i.sources;
      return {
        factId: i.factId,
        text: i.text,
        score: i.score,
        source: { title: primary!.title, publisher: primary!.publisher, date: primary!.date, ...(primary!.url ? { url: primary!.url } : {}) },
        topic: i.topic,
        kind: i.kind,
        asOf: i.asOf,
        sources: i.sources,
      };
    }),
    ...(a.notice ? { notice: a.notice } : {}),
    ...(a.notFound ? { notFound: a.notFound } : {}),
  };
}

/**
 * Why the engine answered as it did, as a tree: the parsed question, the decision, then each
 * candidate with its score, coverage, evidence, closest example and every rule's factor (rules at 1
 * are left out); candidates a filter removed say which.
 */
export function renderExplanation(x: Explanation, top = 8): string {
  const q = x.question;
  const parsed = [
    `programme: ${q.programme.id ?? '-'} (${q.programme.by})`,
    q.entities.length ? `entities: ${q.entities.join(' ')}` : '',
    [...q.ordinals, ...q.years, ...q.versions].length ? `rounds/years/versions: ${[...q.ordinals, ...q.years, ...q.versions].join(' ')}` : '',
    q.attributes.length ? `attributes: ${q.attributes.join(' ')}` : '',
    q.intents.length ? `asks for: ${q.intents.join(' ')}` : '',
    q.context.length ? `context: ${q.context.join(' ')}` : '',
    q.personal ? 'addressed to the bot' : '',
  ].filter(Boolean);
  const lines = [`units: ${x.units.map((u) => u[0]).join(' ')}`, ...parsed];
  lines.push(
    x.decision.answered
      ? `decision: answer ${x.decision.factId} (tier ${x.decision.tier})${x.decision.framed ? ', with the words that only frame the question weighing less' : ''}${x.decision.parts ? `, other clauses by ${x.decision.parts.join(', ')}` : ''}${x.decision.over ? `, over ${x.decision.over} (it lacks what is asked for)` : ''}`
      : `decision: not found (${x.decision.reason})`,
  );
  // The question no source answers that it reads most like: the reason for a near-miss, a check on an answer.
  if (x.nearMiss) lines.push(`closest near-miss (${x.nearMiss.sim.toFixed(2)}, about ${x.nearMiss.about}${x.nearMiss.asks.length ? `, asks for ${x.nearMiss.asks.join(' ')}` : ''}): ${x.nearMiss.text}`);
  const kept = x.candidates.filter((c) => !c.filteredBy).slice(0, top);
  const removed = x.candidates.filter((c) => c.filteredBy).slice(0, Math.max(0, top - kept.length) + 3);
  for (const c of [...kept, ...removed]) lines.push(...candidateLines(c));
  return lines.join('\n');
}

/** The candidates in the order explain ranks them: kept first, then those a filter removed. */
export const rankedCandidates = (x: Explanation) => [...x.candidates.filter((c) => !c.filteredBy), ...x.candidates.filter((c) => c.filteredBy)];

/** One candidate of an explanation: its figures, the rules that moved it, its closest example, the words it lacks. */
export function candidateLines(c: Explanation['candidates'][number], mark = c.filteredBy ? '✗' : '•', indent = '    '): string[] {
  const lines = [`${mark} ${c.id}  score ${c.rank.toFixed(3)}  coverage ${c.coverage.toFixed(2)}  evidence ${c.evidence.toFixed(2)}${c.filteredBy ? `  removed by filter ${c.filteredBy}` : ''}`];
  const rules = c.rules.filter((r) => Math.abs(r.factor - 1) > 1e-9).map((r) => `${r.rule} ×${r.factor.toFixed(2)}`);
  if (rules.length) lines.push(`${indent}rules: ${rules.join(', ')}`);
  if (c.example) lines.push(`${indent}closest example (${c.example.sim.toFixed(2)}): ${c.example.text}`);
  if (c.missing.length) lines.push(`${indent}missing: ${c.missing.join(' ')}`);
  return lines;
}
