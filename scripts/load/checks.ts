/** The pass/fail checks of a load run: nothing lost, nothing doubled, one log row per question, the burst refused politely. */
import type { Tracked } from './matcher.ts';
import { highestSustained, SUSTAINED } from './stats.ts';
import { USER_LIMIT_PER_MINUTE } from './plan.ts';
import type { LoadResult } from './run.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The checks, in the order printed; the run passes when all are ok. */
export function judge(r: Omit<LoadResult, 'checks' | 'pass'>, all: Tracked[], abandoned: number): Check[] {
  const o = r.options;
  const regular = r.regular.all;
  const bursts = o.burst > 0 ? (['slack', 'discord'] as const) : [];
  // Slack's burst is channel mentions: after one "please wait", further refusals are quiet (no reply).
  // Discord's is /ask: every interaction must be answered, so each gets its (private) reply.
  const burstLost = o.burst > 0 ? r.burst.discord.lost : 0;
  const burstDoubled = bursts.reduce((n, p) => n + r.burst[p].doubled, 0);
  const notSent = all.filter((t) => t.sentAt === undefined || t.sendError).length;
  const checks: Check[] = [
    { name: 'bot ready before the load', ok: r.readyz === 200, detail: `GET /readyz → ${r.readyz}` },
    { name: 'every question sent', ok: notSent === 0 && abandoned === 0, detail: `${all.length - notSent} of ${all.length}${abandoned ? `, ${abandoned} events abandoned` : ''}` },
    {
      name: 'every question answered (none lost)',
      ok: regular.lost === 0 && burstLost === 0,
      detail: `${regular.lost + burstLost} lost (of which ${regular.late + bursts.reduce((n, p) => n + r.burst[p].late, 0)} answered after the ${o.replyTimeoutMs / 1000} s timeout)`,
    },
    { name: 'no question answered twice', ok: regular.doubled === 0 && burstDoubled === 0, detail: `${regular.doubled + burstDoubled} doubled` },
    { name: 'no reply to anything not asked', ok: r.unexpectedReplies.length === 0, detail: `${r.unexpectedReplies.length} unexpected${r.unexpectedReplies.length ? `: ${r.unexpectedReplies.slice(0, 3).map((u) => `${u.via} ${u.key}`).join('; ')}` : ''}` },
    { name: 'repeated Slack deliveries all accepted (HTTP 200)', ok: r.dupErrors === 0, detail: `${r.dupErrors} failed` },
    { name: 'no regular question rate-limited', ok: regular.rateLimited === 0 && r.log.rateLimited.regular === 0, detail: `${regular.rateLimited} replies, ${r.log.rateLimited.regular} rows` },
  ];
  // The bucket holds USER_LIMIT_PER_MINUTE and refills one per 6 s: a burst of a few seconds gets one more at most.
  const refused = (answers: number) => o.burst - answers;
  if (o.burst > 0) {
    const s = r.burst.slack;
    const answers = s.answered - s.rateLimited;
    const ok = s.rateLimited === Math.min(1, refused(USER_LIMIT_PER_MINUTE)) && answers >= Math.min(o.burst, USER_LIMIT_PER_MINUTE) && answers <= Math.min(o.burst, USER_LIMIT_PER_MINUTE + 1) && s.doubled === 0 && r.log.rateLimited.burst.slack === refused(answers);
    checks.push({
      name: 'slack burst: answers up to the limit, then one "please wait" and silence',
      ok,
      detail: `${answers}/${o.burst} answered, ${s.rateLimited} told to wait, ${o.burst - s.answered} not replied to, ${r.log.rateLimited.burst.slack} rate-limited rows`,
    });
    const d = r.burst.discord;
    const minRefused = Math.max(0, refused(USER_LIMIT_PER_MINUTE + 1));
    const dOk = d.answered === o.burst && d.rateLimited >= minRefused && d.rateLimited <= Math.max(0, refused(USER_LIMIT_PER_MINUTE)) && r.log.rateLimited.burst.discord === d.rateLimited;
    checks.push({
      name: 'discord burst (/ask): every interaction answered, the excess told to wait',
      ok: dOk,
      detail: `${d.answered}/${o.burst} replied, ${d.rateLimited} told to wait (expected ${o.burst - USER_LIMIT_PER_MINUTE > 0 ? `${minRefused}–${refused(USER_LIMIT_PER_MINUTE)}` : 0}), ${r.log.rateLimited.burst.discord} rate-limited rows`,
    });
  }
  const best = highestSustained(r.steps);
  checks.push({
    name: `a sustained rate: ack p99 < ${SUSTAINED.ackP99Ms / 1000} s, reply p99 < ${SUSTAINED.replyP99Ms / 1000} s, none lost or doubled`,
    ok: best !== undefined,
    detail: best ? `up to ${best.step.rate} q/s (ack p99 ${best.groups.all.ack.p99.toFixed(0)} ms, reply p99 ${best.groups.all.latency.p99.toFixed(0)} ms)` : 'not even the first step',
  });
  const l = r.log;
  checks.push(
    { name: 'bot stopped gracefully', ok: r.stoppedCleanly, detail: r.stoppedCleanly ? 'stop() resolved' : 'stop() timed out' },
    {
      name: 'exactly one question-log row per question',
      ok: l.rows === l.expected && l.missing === 0 && l.doubled === 0 && l.unexpected === 0,
      detail: `${l.rows} rows for ${l.expected} questions: ${l.missing} missing, ${l.doubled} doubled, ${l.unexpected} unexpected`,
    },
    { name: 'rows carry the right origin', ok: l.wrongOrigin === 0, detail: `${l.wrongOrigin} wrong` },
    { name: 'question log dropped nothing', ok: r.logStatus.dropped === 0, detail: `${r.logStatus.written} written, ${r.logStatus.dropped} dropped` },
  );
  return checks;
}
