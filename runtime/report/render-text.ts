/**
 * The report as terminal tables (cli-table3, which measures Korean and other wide characters as two
 * columns, so the borders line up). No colours: the output is the same in a pipe or a file.
 */
import Table from 'cli-table3';
import { answerRate, type Counts } from './queries.ts';
import { factNote, formatInt, formatOffset, formatRate, mostAsked, mostDownvoted, truncate, type Report } from './build.ts';

const QUESTION_CHARS = 48;

function table(head: string[], rightAligned: number[] = []): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: false },
    colAligns: head.map((_, i) => (rightAligned.includes(i) ? 'right' : 'left')),
  });
}

const countCells = (c: Counts) => [formatInt(c.questions), formatInt(c.answered), formatInt(c.notFound), formatInt(c.rateLimited), formatInt(c.empty), formatRate(answerRate(c))];

const factCell = (r: Report, id: string) => {
  const note = factNote(r, id);
  return note ? `${id}\n${note}` : id;
};

export function renderText(r: Report): string {
  const d = r.data;
  const out: string[] = [];
  const section = (title: string, note?: string) => out.push('', title + (note ? `  (${note})` : ''));

  out.push(`Question log report — ${r.source}`);
  out.push(
    `${d.from} … ${d.to} (${d.days.length} day${d.days.length === 1 ? '' : 's'}, ${formatOffset(d.utcOffsetMinutes)}): ${formatInt(d.total.questions)} questions, ${formatInt(d.votes.up)} 👍, ${formatInt(d.votes.down)} 👎`,
  );

  section('Answer rate by platform', 'answered ÷ (answered + not found); rate-limited and empty questions are left out');
  const rates = table(['platform', 'questions', 'answered', 'not found', 'rate-limited', 'empty', 'answer rate'], [1, 2, 3, 4, 5, 6]);
  for (const p of d.platforms) rates.push([p.platform, ...countCells(p)]);
  rates.push(['all', ...countCells(d.total)]);
  out.push(rates.toString());

  section('Questions per day');
  const platforms = d.platforms.map((p) => p.platform);
  const perDay = table(['day', 'questions', ...platforms, 'answered', 'answer rate'], [1, ...platforms.map((_, i) => i + 2), platforms.length + 2, platforms.length + 3]);
  for (const day of d.days) {
    perDay.push([day.day, formatInt(day.total.questions), ...platforms.map((p) => formatInt(day.byPlatform[p]?.questions ?? 0)), formatInt(day.total.answered), formatRate(answerRate(day.total))]);
  }
  out.push(perDay.toString());

  section(
    `Most asked unanswered questions`,
    `${formatInt(d.total.notFound)} not found, ${formatInt(r.unansweredGroupCount)} distinct question${r.unansweredGroupCount === 1 ? '' : 's'} after grouping rewordings`,
  );
  if (r.unansweredGroups.length === 0) out.push('(none)');
  else {
    const t = table(['#', 'times', 'question', 'also asked as'], [0, 1]);
    r.unansweredGroups.forEach((g, i) => {
      const more = g.wordings - 1 - g.variants.length;
      const variants = [...g.variants.map((v) => truncate(v, QUESTION_CHARS)), ...(more > 0 ? [`(+${more} more)`] : [])];
      t.push([String(i + 1), formatInt(g.count), truncate(g.example, QUESTION_CHARS), variants.join('\n')]);
    });
    out.push(t.toString());
  }

  section('Facts with the most 👎');
  const down = mostDownvoted(r);
  if (down.length === 0) out.push('(none)');
  else {
    const t = table(['#', 'fact', '👎', '👍', 'last question with 👎'], [0, 2, 3]);
    down.forEach((f, i) => t.push([String(i + 1), factCell(r, f.factId), formatInt(f.down), formatInt(f.up), truncate(f.lastDownQuestion ?? '', QUESTION_CHARS)]));
    out.push(t.toString());
  }

  section('Most asked facts');
  const asked = mostAsked(r);
  if (asked.length === 0) out.push('(none)');
  else {
    const t = table(['#', 'fact', 'answers', 'share', '👍', '👎'], [0, 2, 3, 4, 5]);
    asked.forEach((f, i) => t.push([String(i + 1), factCell(r, f.factId), formatInt(f.count), formatRate(d.total.answered ? f.count / d.total.answered : undefined), formatInt(f.up), formatInt(f.down)]));
    out.push(t.toString());
  }
  return out.join('\n') + '\n';
}
