/** The printed report of a load run: what was sent, latency per platform and step, and the checks. */
import { DUP_KINDS, SURFACES } from './plan.ts';
import type { LoadResult } from './run.ts';
import { highestSustained, SUSTAINED, type Group, type Latencies } from './stats.ts';

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const lat = (l: Latencies) => (l.n ? `${f1(l.p50)} / ${f1(l.p99)} / ${f1(l.max)}` : '–');

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const groupRow = (name: string, g: Group, rate?: string) => [name, String(g.sent), ...(rate !== undefined ? [rate] : []), String(g.answered), String(g.lost), String(g.doubled), lat(g.latency)];

export function formatReport(r: LoadResult): string {
  const o = r.options;
  const out: string[] = [];
  const dups = DUP_KINDS.map((k) => `${r.dupsSent.get(k) ?? 0} ${k}`).join(', ');
  const dupTotal = [...r.dupsSent.values()].reduce((a, b) => a + b, 0);
  const seconds = r.durationMs / 1000;
  const answered = r.regular.all.answered + r.burst.slack.answered + r.burst.discord.answered;
  out.push(
    `Load run (seed ${o.seed}, reply timeout ${o.replyTimeoutMs / 1000} s): fake Slack (HTTP) and fake Discord on 127.0.0.1, the bot ${r.isolated ? 'in a worker thread of its own' : 'in the same thread as the load and the fakes'}`,
    `  questions          ${r.regular.all.questions} regular + ${r.burst.slack.questions + r.burst.discord.questions} in one-user bursts (${o.burst} Slack, ${o.burst} Discord) = ${r.plan.questions.length}`,
    `  repeats sent       ${dupTotal} Slack redeliveries (${dups}); none may be answered or logged again`,
    `  duration           ${f1(seconds)} s from the first question to the last reply`,
    `  throughput         ${f1(answered / seconds)} answered questions/s overall; peak step sent at ${f0(Math.max(...r.steps.map((s) => s.sendRate)))} q/s`,
    `  event-loop lag     p50 ${f1(r.loopDelay.p50)} ms, p99 ${f1(r.loopDelay.p99)} ms, max ${f1(r.loopDelay.max)} ms (${r.isolated ? "the load's and the fakes' thread" : 'shared by the bot, the fakes and the load'})`,
    '',
    'Reply latency, ms (p50 / p99 / max), sending the question → the reply reaching the fake:',
    table(
      ['', 'sent', 'answered', 'lost', 'doubled', 'p50 / p99 / max'],
      [
        groupRow('all (regular)', r.regular.all),
        groupRow('slack', r.regular.platform.slack),
        groupRow('discord', r.regular.platform.discord),
        ...SURFACES.map((s) => groupRow(`  ${s.replace('-channel', ' mention').replace('-dm', ' DM').replace('-command', ' /ask')}`, r.regular.surface[s])),
      ],
    ),
    '',
    'Per rate step (regular questions; ack: sending → Slack HTTP response or Discord interaction callback):',
    table(
      ['step', 'sent', 'q/s', 'answered', 'lost', 'doubled', 'ack p50 / p99 / max', 'reply p50 / p99 / max', 'slack reply p99', 'discord reply p99', 'sustained'],
      r.steps.map((s) => [
        `${s.step.index + 1}: ${s.step.rate} q/s`,
        String(s.groups.all.sent),
        f0(s.sendRate),
        String(s.groups.all.answered),
        String(s.groups.all.lost),
        String(s.groups.all.doubled),
        lat(s.groups.all.ack),
        lat(s.groups.all.latency),
        f1(s.groups.platform.slack.latency.p99),
        f1(s.groups.platform.discord.latency.p99),
        s.sustained ? 'yes' : 'no',
      ]),
    ),
    sustainedLine(r),
    '',
    'Bursts (one user, 20 ms apart; the limit is 10 questions a minute; one "please wait" per window in a channel, every /ask answered):',
    ...(['slack', 'discord'] as const).map((p) => {
      const b = r.burst[p];
      return `  ${p.padEnd(8)} ${b.questions} asked, ${b.answered} replied (${b.questions - b.answered} not replied to, ${b.doubled} doubled), ${b.rateLimited} told to wait, ${r.log.rateLimited.burst[p]} rate-limited rows; latency ${lat(b.latency)} ms`;
    }),
    '',
    `Question log (SQLite, after a graceful stop): ${r.log.rows} rows for ${r.log.expected} questions; ${r.logStatus.written} written, ${r.logStatus.dropped} dropped`,
    `Deferred Discord interactions: ${r.regular.platform.discord.deferred + r.burst.discord.deferred}`,
    `Bot log: ${r.botLog.counts.warn} warnings, ${r.botLog.counts.error} errors`,
  );
  if (r.log.examples.length) out.push('Log problems:', ...r.log.examples.map((e) => `  ${e}`));
  if (o.verbose && r.botLog.kept.length) out.push('Bot warnings and errors (first ones):', ...r.botLog.kept.map((l) => `  ${l}`));
  out.push('', 'Checks:');
  for (const c of r.checks) out.push(`  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
  if (r.keptLog) out.push('', r.keptLog.error ? `The question log could not be kept as ${r.keptLog.file}: ${r.keptLog.error}` : `The run's question log is kept as ${r.keptLog.file} (npm run report -- --db ${r.keptLog.file}).`);
  out.push('', r.pass ? 'PASS: every question got exactly one reply and exactly one question-log row.' : 'FAIL: see the checks above.');
  return out.join('\n');
}

/** The highest rate the bot kept up with, as the run's headline. */
function sustainedLine(r: LoadResult): string {
  const best = highestSustained(r.steps);
  const rule = `ack p99 < ${SUSTAINED.ackP99Ms / 1000} s, reply p99 < ${SUSTAINED.replyP99Ms / 1000} s, 0 lost, 0 doubled, sent at ≥ ${SUSTAINED.sendRateShare * 100}% of the rate`;
  if (!best) return `Sustained: not even the first step (${rule}).`;
  const g = best.groups.all;
  return `Sustained: ${best.step.rate} q/s (${rule}): ack p50 ${f1(g.ack.p50)} ms, p99 ${f1(g.ack.p99)} ms; reply p50 ${f1(g.latency.p50)} ms, p99 ${f1(g.latency.p99)} ms.`;
}
