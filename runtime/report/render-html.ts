/**
 * The report as ONE self-contained HTML page: the same tables as the terminal, plus charts drawn as
 * inline SVG (questions per day by platform, answer rate per day overall and by platform, answer
 * rate by platform). No scripts, no external fonts, styles or images; every text is escaped.
 */
import { answerRate } from './queries.ts';
import { factNote, foldDays, formatInt, formatMs, formatOffset, formatRate, mostAsked, mostDownvoted, quietSpan, type Report } from './build.ts';
import { messages, type Messages, type ReportLang } from './i18n.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const e = escapeHtml;

const KNOWN_COLOURS: Record<string, string> = { slack: '#7b3f98', discord: '#4f5bd5', cli: '#2e8b57' };
const PALETTE = ['#d2691e', '#b8860b', '#008b8b', '#c71585', '#556b2f'];
export function platformColour(platform: string, index: number): string {
  return KNOWN_COLOURS[platform] ?? PALETTE[index % PALETTE.length]!;
}

/** A round axis maximum ≥ `max` whose quarters are whole numbers: 4, 8, 12, 16, 20, 24, 40, 60, 80, 100, 120, 160, 200, 240, 300… */
export function niceMax(max: number): number {
  for (const small of [4, 8, 12, 16, 20]) if (max <= small) return small;
  const p = 10 ** Math.floor(Math.log10(max));
  const steps = p >= 100 ? [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10] : [1, 1.2, 1.6, 2, 2.4, 4, 6, 8, 10];
  return steps.map((m) => Math.round(m * p)).find((m) => m >= max)!;
}

const W = 760;
const H = 240;
const M = { top: 16, right: 16, bottom: 34, left: 48 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

function svgOpen(label: string, height = H): string {
  return `<svg viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-label="${e(label)}"><title>${e(label)}</title>`;
}

/** X positions and labels for the days, a label every few days so they never overlap. */
function dayAxis(days: string[]): { x: (i: number) => number; step: number; svg: string } {
  const step = PW / Math.max(1, days.length);
  const x = (i: number) => M.left + step * (i + 0.5);
  const every = Math.max(1, Math.ceil(days.length / 12));
  let svg = `<line class="axis" x1="${M.left}" y1="${M.top + PH}" x2="${M.left + PW}" y2="${M.top + PH}"/>`;
  days.forEach((d, i) => {
    if (i % every === 0 || i === days.length - 1) svg += `<text class="tick" x="${f1(x(i))}" y="${M.top + PH + 16}" text-anchor="middle">${e(d.slice(5))}</text>`;
  });
  return { x, step, svg };
}

function yAxis(max: number, format: (v: number) => string, ticks = 4): { y: (v: number) => number; svg: string } {
  const y = (v: number) => M.top + PH - (v / max) * PH;
  let svg = '';
  for (let i = 0; i <= ticks; i++) {
    const v = (max / ticks) * i;
    svg += `<line class="grid" x1="${M.left}" y1="${f1(y(v))}" x2="${M.left + PW}" y2="${f1(y(v))}"/>`;
    svg += `<text class="tick" x="${M.left - 6}" y="${f1(y(v) + 4)}" text-anchor="end">${e(format(v))}</text>`;
  }
  return { y, svg };
}

function legend(items: { label: string; colour: string; thick?: boolean }[]): string {
  return `<p class="legend">${items.map((i) => `<span><i style="background:${i.colour}${i.thick ? ';height:4px' : ''}"></i>${e(i.label)}</span>`).join(' ')}</p>`;
}

/** Questions per day, stacked by platform. */
export function volumeChart(r: Report, m: Messages = messages('en')): string {
  const d = r.data;
  const platforms = d.platforms.map((p) => p.platform);
  const max = niceMax(Math.max(0, ...d.days.map((day) => day.total.questions)));
  const ax = dayAxis(d.days.map((day) => day.day));
  const ay = yAxis(max, (v) => formatInt(Math.round(v)));
  const barW = Math.max(1, ax.step * 0.8);
  let bars = '';
  d.days.forEach((day, i) => {
    let base = 0;
    platforms.forEach((p, pi) => {
      const n = day.byPlatform[p]?.questions ?? 0;
      if (n === 0) return;
      const y0 = ay.y(base);
      const y1 = ay.y(base + n);
      bars += `<rect x="${f1(ax.x(i) - barW / 2)}" y="${f1(y1)}" width="${f1(barW)}" height="${f1(y0 - y1)}" fill="${platformColour(p, pi)}"><title>${e(`${day.day} ${p}: ${m.nQuestions(formatInt(n))}`)}</title></rect>`;
      base += n;
    });
  });
  return (
    svgOpen(m.chartVolume(d.from, d.to)) +
    ay.svg +
    bars +
    ax.svg +
    `</svg>` +
    legend(platforms.map((p, i) => ({ label: p, colour: platformColour(p, i) })))
  );
}

/** Answer rate per day: all platforms (thick) and each platform (thin); no line through days without questions. */
export function rateChart(r: Report, m: Messages = messages('en')): string {
  const d = r.data;
  const ax = dayAxis(d.days.map((day) => day.day));
  const ay = yAxis(1, (v) => `${Math.round(v * 100)}%`);
  const series = [
    { label: m.all, colour: '#222', thick: true, rates: d.days.map((day) => answerRate(day.total)) },
    ...d.platforms.map((p, i) => ({ label: p.platform, colour: platformColour(p.platform, i), thick: false, rates: d.days.map((day) => answerRate(day.byPlatform[p.platform]!)) })),
  ];
  let lines = '';
  for (const s of [...series].reverse()) {
    let path = '';
    let pen = false;
    s.rates.forEach((rate, i) => {
      if (rate === undefined) return void (pen = false);
      path += `${pen ? 'L' : 'M'}${f1(ax.x(i))} ${f1(ay.y(rate))}`;
      pen = true;
    });
    if (path) lines += `<path d="${path}" fill="none" stroke="${s.colour}" stroke-width="${s.thick ? 3 : 1.5}" stroke-linejoin="round"/>`;
    s.rates.forEach((rate, i) => {
      if (rate === undefined) return;
      lines += `<circle cx="${f1(ax.x(i))}" cy="${f1(ay.y(rate))}" r="${s.thick ? 3 : 2}" fill="${s.colour}"><title>${e(`${d.days[i]!.day} ${s.label}: ${formatRate(rate)}`)}</title></circle>`;
    });
  }
  return svgOpen(m.chartRate(d.from, d.to)) + ay.svg + lines + ax.svg + `</svg>` + legend(series.map(({ label, colour, thick }) => ({ label, colour, thick })));
}

/** Answer rate by platform, one horizontal bar each, with the question count. */
export function platformChart(r: Report, m: Messages = messages('en')): string {
  const rows = [...r.data.platforms.map((p, i) => ({ label: p.platform, colour: platformColour(p.platform, i), c: p as typeof r.data.total })), { label: m.all, colour: '#222', c: r.data.total }];
  const rowH = 28;
  const height = rows.length * rowH + 30;
  const left = 90;
  const width = W - left - 180;
  let svg = svgOpen(m.rateByPlatform, height);
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    const x = left + width * v;
    svg += `<line class="grid" x1="${f1(x)}" y1="4" x2="${f1(x)}" y2="${height - 22}"/><text class="tick" x="${f1(x)}" y="${height - 8}" text-anchor="middle">${v * 100}%</text>`;
  }
  rows.forEach((row, i) => {
    const rate = answerRate(row.c);
    const y = 8 + i * rowH;
    svg += `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${e(row.label)}</text>`;
    svg += `<rect x="${left}" y="${y}" width="${f1(width * (rate ?? 0))}" height="${rowH - 10}" fill="${row.colour}"><title>${e(`${row.label}: ${m.rateOf(formatRate(rate), formatInt(row.c.answered + row.c.notFound))}`)}</title></rect>`;
    svg += `<text x="${left + width + 8}" y="${y + 15}">${e(`${formatRate(rate)} · ${m.nQuestions(formatInt(row.c.questions))}`)}</text>`;
  });
  return svg + `</svg>`;
}

function htmlTable(head: string[], rows: string[][], numeric: number[] = []): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : '');
  return (
    `<table><thead><tr>${head.map((h, i) => `<th${cls(i)}>${e(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((row) => `<tr>${row.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('') +
    `</tbody></table>`
  );
}

const factHtml = (r: Report, id: string, m: Messages) => {
  const note = factNote(r, id, 80, m.notInCorpus);
  return `<code>${e(id)}</code>${note ? `<br><small>${e(note)}</small>` : ''}`;
};

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI","Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;margin:2rem auto;max-width:900px;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.meta,.note{color:#666;font-size:.9rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem;width:100%}
th,td{border-bottom:1px solid #e4e4e4;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:600}tr.quiet td{color:#888}small{color:#666}code{font-size:.85rem}
ul.variants{margin:0;padding-left:1rem;color:#555}
svg{display:block;margin:.5rem 0;font-size:11px}svg text{fill:#333}svg .tick{fill:#777}
svg .grid{stroke:#eee}svg .axis{stroke:#999}
.legend{font-size:.85rem;color:#444;margin:.2rem 0 1rem}.legend span{margin-right:1rem;white-space:nowrap}
.legend i{display:inline-block;width:14px;height:10px;margin-right:4px;vertical-align:middle}
details{margin:.5rem 0}
`;

export function renderHtml(r: Report, lang: ReportLang = 'en'): string {
  const m = messages(lang);
  const c = m.col;
  const d = r.data;
  const platforms = d.platforms.map((p) => p.platform);
  const countRow = (label: string, c: typeof d.total) => [e(label), ...[c.questions, c.answered, c.notFound, c.rateLimited, c.empty].map(formatInt), formatRate(answerRate(c))];

  const unanswered =
    r.unansweredGroups.length === 0
      ? `<p>${e(m.none)}</p>`
      : htmlTable(
          ['#', c.times, c.question, c.alsoAskedAs],
          r.unansweredGroups.map((g, i) => {
            const more = g.wordings - 1 - g.variants.length;
            const variants = g.variants.map((v) => `<li>${e(v)}</li>`).join('') + (more > 0 ? `<li>${e(m.more(more))}</li>` : '');
            return [String(i + 1), formatInt(g.count), e(g.example), variants ? `<ul class="variants">${variants}</ul>` : ''];
          }),
          [0, 1],
        );
  const down = mostDownvoted(r);
  const asked = mostAsked(r);

  const latency = d.latency.all
    ? htmlTable(
        [c.platform, c.questions, 'p50', 'p90', 'p99'],
        [...platforms.filter((p) => d.latency.byPlatform[p]).map((p) => [p, d.latency.byPlatform[p]!] as const), [m.all, d.latency.all] as const].map(([label, l]) => [e(label), formatInt(l.count), formatMs(l.p50), formatMs(l.p90), formatMs(l.p99)]),
        [1, 2, 3, 4],
      )
    : `<p>${e(m.none)}</p>`;
  // Days without questions folded into one row each run.
  const dayRows = foldDays(d.days)
    .map((row) => {
      if ('quiet' in row) return `<tr class="quiet"><td>${e(quietSpan(row.quiet))}</td><td colspan="${platforms.length + 3}">${e(m.noQuestions(row.quiet.days))}</td></tr>`;
      const day = row.day;
      const cells = [formatInt(day.total.questions), ...platforms.map((p) => formatInt(day.byPlatform[p]?.questions ?? 0)), formatInt(day.total.answered), formatRate(answerRate(day.total))];
      return `<tr><td>${e(day.day)}</td>${cells.map((x) => `<td class="num">${x}</td>`).join('')}</tr>`;
    })
    .join('');
  const dayHead = [c.day, c.questions, ...platforms, c.answered, c.answerRate].map((h, i) => `<th${i ? ' class="num"' : ''}>${e(h)}</th>`).join('');

  const body = [
    `<h1>${e(m.title)}</h1>`,
    `<p class="meta">${e(r.source)} · ${e(d.from)} … ${e(d.to)} (${m.nDays(d.days.length)}, ${formatOffset(d.utcOffsetMinutes)}) · ${e(m.generated)} ${e(r.generatedAt)}</p>`,
    `<p>${m.htmlSummary(`<strong>${formatInt(d.total.questions)}</strong>`, `<strong>${formatRate(answerRate(d.total))}</strong>`, formatInt(d.votes.up), formatInt(d.votes.down))}</p>`,
    `<h2>${e(m.rateByPlatform)}</h2>`,
    `<p class="note">${e(m.rateNote)}.</p>`,
    htmlTable([c.platform, c.questions, c.answered, c.notFound, c.rateLimited, c.empty, c.answerRate], [...d.platforms.map((p) => countRow(p.platform, p)), countRow(m.all, d.total)], [1, 2, 3, 4, 5, 6]).replace(
      new RegExp(`<tr>(<td>${e(m.all)}</td>)`),
      '<tr class="total">$1',
    ),
    platformChart(r, m),
    `<h3>${e(m.ratePerDay)}</h3>`,
    rateChart(r, m),
    `<h2>${e(m.perDay)}</h2>`,
    volumeChart(r, m),
    `<details><summary>${e(m.table)}</summary>`,
    `<table><thead><tr>${dayHead}</tr></thead><tbody>${dayRows}</tbody></table>`,
    `</details>`,
    `<h2>${e(m.latency)}</h2>`,
    `<p class="note">${e(m.latencyNote)}.</p>`,
    latency,
    `<h2>${e(m.unanswered)}</h2>`,
    `<p class="note">${e(m.unansweredNote(formatInt(d.total.notFound), r.unansweredGroupCount))}. ${e(m.unansweredAdvice)}</p>`,
    unanswered,
    `<h2>${e(m.downvoted)}</h2>`,
    down.length === 0
      ? `<p>${e(m.none)}</p>`
      : htmlTable(
          ['#', c.fact, '👎', '👍', c.lastDown],
          down.map((f, i) => [String(i + 1), factHtml(r, f.factId, m), formatInt(f.down), formatInt(f.up), e(f.lastDownQuestion ?? '')]),
          [0, 2, 3],
        ),
    `<h2>${e(m.mostAsked)}</h2>`,
    asked.length === 0
      ? `<p>${e(m.none)}</p>`
      : htmlTable(
          ['#', c.fact, c.answers, c.share, '👍', '👎'],
          asked.map((f, i) => [String(i + 1), factHtml(r, f.factId, m), formatInt(f.count), formatRate(d.total.answered ? f.count / d.total.answered : undefined), formatInt(f.up), formatInt(f.down)]),
          [0, 2, 3, 4, 5],
        ),
  ];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(m.title)} ${e(d.from)} … ${e(d.to)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
