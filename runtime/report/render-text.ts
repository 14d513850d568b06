/**
 * The report as terminal tables (cli-table3, which measures Korean and other wide characters as two
 * columns, so the borders line up), in Korean or English. No colours: the output is the same in a
 * pipe or a file.
 */
import Table from 'cli-table3';
import { answerRate, type Counts } from './queries.ts';
import { factNote, foldDays, formatInt, formatMs, formatOffset, formatRate, mostAsked, mostDownvoted, quietSpan, truncate, type Report } from './build.ts';
import { messages, type ReportLang } from './i18n.ts';

const QUESTION_CHARS = 48;

function table(head: string[], rightAligned: number[] = []): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: false },
    colAligns: head.map((_, i) => (rightAligned.includes(i) ? 'right' : 'left')),
  });
}

const countCells = (c: Counts) => [formatInt(c.questions), formatInt(c.answered), formatInt(c.notFound), formatInt(c.rateLimited), formatInt(c.empty), formatRate(answerRate(c))];

export function renderText(r: Report, lang: ReportLang = 'en'): string {
  const m = messages(lang);
  const d = r.data;
  const out: string[] = [];
  const section = (title: string, note?: string) => out.push('', title + (note ? `  (${note})` : ''));
  const factCell = (id: string) => {
    const note = factNote(r, id, 36, m.notInCorpus);
    return note ? `${id}\n${note}` : id;
  };
  const c = m.col;

  out.push(`${m.title} — ${r.source}`);
  out.push(m.summary(d.from, d.to, d.days.length, formatOffset(d.utcOffsetMinutes), formatInt(d.total.questions), formatInt(d.votes.up), formatInt(d.votes.down)));

  section(m.rateByPlatform, m.rateNote);
  const rates = table([c.platform, c.questions, c.answered, c.notFound, c.rateLimited, c.empty, c.answerRate], [1, 2, 3, 4, 5, 6]);
  for (const p of d.platforms) rates.push([p.platform, ...countCells(p)]);
  rates.push([m.all, ...countCells(d.total)]);
  out.push(rates.toString());

  section(m.perDay);
  const platforms = d.platforms.map((p) => p.platform);
  const perDay = table([c.day, c.questions, ...platforms, c.answered, c.answerRate], [1, ...platforms.map((_, i) => i + 2), platforms.length + 2, platforms.length + 3]);
  for (const row of foldDays(d.days)) {
    if ('quiet' in row) perDay.push([quietSpan(row.quiet), { colSpan: platforms.length + 3, content: m.noQuestions(row.quiet.days), hAlign: 'left' }]);
    else {
      const day = row.day;
      perDay.push([day.day, formatInt(day.total.questions), ...platforms.map((p) => formatInt(day.byPlatform[p]?.questions ?? 0)), formatInt(day.total.answered), formatRate(answerRate(day.total))]);
    }
  }
  out.push(perDay.toString());

  section(m.latency, m.latencyNote);
  if (!d.latency.all) out.push(m.none);
  else {
    const t = table([c.platform, c.questions, 'p50', 'p90', 'p99'], [1, 2, 3, 4]);
    const cells = (l: NonNullable<typeof d.latency.all>) => [formatInt(l.count), formatMs(l.p50), formatMs(l.p90), formatMs(l.p99)];
    for (const p of platforms) if (d.latency.byPlatform[p]) t.push([p, ...cells(d.latency.byPlatform[p])]);
    t.push([m.all, ...cells(d.latency.all)]);
    out.push(t.toString());
  }

  section(m.unanswered, m.unansweredNote(formatInt(d.total.notFound), r.unansweredGroupCount));
  if (r.unansweredGroups.length === 0) out.push(m.none);
  else {
    const t = table(['#', c.times, c.question, c.alsoAskedAs], [0, 1]);
    r.unansweredGroups.forEach((g, i) => {
      const more = g.wordings - 1 - g.variants.length;
      const variants = [...g.variants.map((v) => truncate(v, QUESTION_CHARS)), ...(more > 0 ? [m.more(more)] : [])];
      t.push([String(i + 1), formatInt(g.count), truncate(g.example, QUESTION_CHARS), variants.join('\n')]);
    });
    out.push(t.toString());
  }

  section(m.downvoted);
  const down = mostDownvoted(r);
  if (down.length === 0) out.push(m.none);
  else {
    const t = table(['#', c.fact, '👎', '👍', c.lastDown], [0, 2, 3]);
    down.forEach((f, i) => t.push([String(i + 1), factCell(f.factId), formatInt(f.down), formatInt(f.up), truncate(f.lastDownQuestion ?? '', QUESTION_CHARS)]));
    out.push(t.toString());
  }

  section(m.mostAsked);
  const asked = mostAsked(r);
  if (asked.length === 0) out.push(m.none);
  else {
    const t = table(['#', c.fact, c.answers, c.share, '👍', '👎'], [0, 2, 3, 4, 5]);
    asked.forEach((f, i) => t.push([String(i + 1), factCell(f.factId), formatInt(f.count), formatRate(d.total.answered ? f.count / d.total.answered : undefined), formatInt(f.up), formatInt(f.down)]));
    out.push(t.toString());
  }
  return out.join('\n') + '\n';
}
