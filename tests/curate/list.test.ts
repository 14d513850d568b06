/**
 * `npm run curate -- --list`: the open items of real SQLite question logs, grouped as the report
 * groups them, and the state file that keeps curated items from being offered again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { groupQuestions } from '../../runtime/report/group.ts';
import { isCurated, loadState, recordCurated, stateFileFor, StateError, type CuratedEntry } from '../../scripts/curate/state.ts';
import { curate, NOW, workspace, writeLog } from './helpers.ts';

let ws: ReturnType<typeof workspace>;
beforeEach(() => (ws = workspace()));
afterEach(() => ws.cleanup());

const ASKED = [
  { question: '해남 그 센터 공사판 벌어짐?', times: 4 },
  { question: '해남 센터 공사판 벌어짐', times: 2, hoursAgo: 10 },
  { question: '루닛 주가 얼마야?', times: 3 },
  { question: 'Lunit 주가?', times: 1 },
  { question: '2단계 끝나면 뭐 먹지?', times: 2, factId: 'schedule-stage-2', down: 2 },
  { question: 'GPU 몇 장 지원돼?', times: 5, factId: 'gpu-b200-allocation' },
];

const list = async (extra: string[] = [], now = NOW) => {
  const r = await curate(['--list', '--json', '--db', ws.log, ...extra], { corpus: ws.corpus, now });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as { kind: string; question: string; count: number; wordings: number; variants: string[]; answer: string | null; now: string | null; top: { factId: string } | null }[];
};

describe('curate --list', () => {
  it('an empty or missing log lists nothing and exits 0', async () => {
    for (const json of [[], ['--json']]) {
      const missing = await curate(['--list', ...json, '--db', path.join(ws.dir, 'none.db')], { corpus: ws.corpus });
      expect(missing.code).toBe(0);
      expect(missing.out).toBe(json.length ? '[]\n' : `nothing to curate: no question log at ${path.join(ws.dir, 'none.db')} (--db FILE|FOLDER or QUESTION_LOG)\n`);
    }
    writeLog(ws.log, []);
    expect(await list()).toEqual([]);
    expect((await curate(['--list', '--db', ws.log], { corpus: ws.corpus })).out).toBe('nothing to curate: no open item in the last 30 days\n');
    // QUESTION_LOG names the log as elsewhere.
    const viaEnv = await curate(['--list'], { corpus: ws.corpus, env: { QUESTION_LOG: path.join(ws.dir, 'absent.db') } });
    expect(viaEnv.out).toContain('absent.db');
  });

  it('unanswered questions grouped as the report groups them, and 👎 answers with their question, most asked first', async () => {
    writeLog(ws.log, ASKED);
    const items = await list();
    expect(items.map((i) => [i.kind, i.question, i.count, i.answer])).toEqual([
      ['unanswered', '해남 그 센터 공사판 벌어짐?', 6, null],
      ['unanswered', '루닛 주가 얼마야?', 4, null],
      ['downvoted', '2단계 끝나면 뭐 먹지?', 2, 'schedule-stage-2'],
    ]);
    expect(items[0]).toMatchObject({ wordings: 2, variants: ['해남 센터 공사판 벌어짐'], top: { factId: 'naicc-groundbreaking-plan' }, now: null });
    expect(items[1]!.variants).toEqual(['Lunit 주가?']);
    expect(items[2]!.now).toBe('schedule-stage-2');
    expect(Object.keys(items[0]!)).not.toContain('surfaces');
    // The same groups as the report's, from the same analyzer.
    const corpus = loadCorpus(ws.corpus);
    const report = groupQuestions(
      ASKED.filter((a) => !a.factId).map((a) => ({ question: a.question, count: a.times })),
      new Analyzer(corpus.aliases, corpus.lexicon),
    );
    expect(report.map((g) => [g.example, g.count])).toEqual(items.filter((i) => i.kind === 'unanswered').map((i) => [i.question, i.count]));
    // The text form: counts, the answer given, the top candidate.
    const text = (await curate(['--list', '--db', ws.log], { corpus: ws.corpus })).out;
    expect(text).toContain('3 open items from the last 30 days');
    expect(text).toMatch(/ 1\. unanswered ×6 {2}"해남 그 센터 공사판 벌어짐\?" {2}\(also "해남 센터 공사판 벌어짐"\)\n {4}answer given: none · now: not answered · top candidate: naicc-groundbreaking-plan \(evidence [\d.]+\): 국가AI컴퓨팅센터는/);
    expect(text).toMatch(/ 3\. 👎 ×2 on schedule-stage-2 {2}"2단계 끝나면 뭐 먹지\?"\n {4}answer given: schedule-stage-2/);
  });

  it('--days bounds the window; several logs (a folder) are read as one', async () => {
    writeLog(ws.log, [{ question: '루닛 주가 얼마야?', times: 2, hoursAgo: 24 * 40 }]);
    expect(await list()).toEqual([]);
    expect((await list(['--days', '60'])).map((i) => i.count)).toEqual([2]);
    writeLog(path.join(path.dirname(ws.log), 'questions-b.db'), [{ question: '루닛 주가 얼마야?', times: 3 }]);
    const r = await curate(['--list', '--json', '--db', path.dirname(ws.log), '--days', '60'], { corpus: ws.corpus });
    expect(JSON.parse(r.out).map((i: { count: number }) => i.count)).toEqual([5]);
  });

  it('bad input: a bad --days, a log that is not a log, a broken state file; never a stack trace', async () => {
    expect((await curate(['--list', '--days', 'x', '--db', ws.log], { corpus: ws.corpus })).code).toBe(2);
    const notLog = path.join(ws.dir, 'text.db');
    fs.writeFileSync(notLog, 'hello');
    const bad = await curate(['--list', '--db', notLog], { corpus: ws.corpus });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^curate: cannot read .*text\.db: file is not a database\. Is --db pointing at the question log/);
    writeLog(ws.log, ASKED);
    fs.writeFileSync(stateFileFor([ws.log]), '{"version": 1, "curated": [');
    const state = await curate(['--list', '--db', ws.log], { corpus: ws.corpus });
    expect(state.code).toBe(1);
    expect(state.err).toMatch(/curated\.json is not valid JSON .*move it aside/);
    // And nothing was changed by an attach refused for it.
    const before = fs.readFileSync(path.join(ws.corpus, 'facts/infrastructure/naicc.yaml'), 'utf8');
    expect((await curate(['--attach', '해남 그 센터 공사판 벌어짐?', '--to', 'naicc-groundbreaking-plan', '--db', ws.log], { corpus: ws.corpus })).code).toBe(1);
    expect(fs.readFileSync(path.join(ws.corpus, 'facts/infrastructure/naicc.yaml'), 'utf8')).toBe(before);
  });
});

describe('the state file (curated.json beside the log)', () => {
  it('lives in the log folder, or the folder named', () => {
    expect(stateFileFor(['data/questions.db'])).toBe(path.join('data', 'curated.json'));
    fs.mkdirSync(path.join(ws.dir, 'logs'), { recursive: true });
    expect(stateFileFor([path.join(ws.dir, 'logs')])).toBe(path.join(ws.dir, 'logs', 'curated.json'));
    expect(loadState(path.join(ws.dir, 'none.json'))).toEqual([]);
    fs.writeFileSync(path.join(ws.dir, 'x.json'), '{"version": 2}');
    expect(() => loadState(path.join(ws.dir, 'x.json'))).toThrow(StateError);
  });

  it('an item is curated when an entry shares a wording and came after its last ask; dismissed ones for good', () => {
    const entry = (action: CuratedEntry['action'], at: string): CuratedEntry => ({ question: 'q', surfaces: ['루닛 주가 얼마야'], action, at });
    const item = { surfaces: ['lunit 주가', '루닛 주가 얼마야'], last: '2026-11-30T00:00:00.000Z' };
    expect(isCurated(item, [entry('attached', '2026-11-30T01:00:00.000Z')])).toBe(true);
    expect(isCurated(item, [entry('attached', '2026-11-29T23:00:00.000Z')])).toBe(false); // asked again since
    expect(isCurated(item, [entry('dismissed', '2026-11-29T23:00:00.000Z')])).toBe(true);
    expect(isCurated({ ...item, surfaces: ['서울 날씨'] }, [entry('dismissed', '2026-11-30T01:00:00.000Z')])).toBe(false);
    const file = path.join(ws.dir, 'state', 'curated.json');
    recordCurated(file, entry('dismissed', NOW.toISOString()));
    recordCurated(file, entry('attached', NOW.toISOString()));
    expect(loadState(file).map((e) => e.action)).toEqual(['dismissed', 'attached']);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['curated.json']); // no temp file left behind
  });

  it('an attached question is not offered again, until it goes unanswered after the fix; --state moves the file', { timeout: 240_000 }, async () => {
    writeLog(ws.log, ASKED);
    const r = await curate(['--attach', '해남 그 센터 공사판 벌어짐?', '--to', 'naicc-groundbreaking-plan', '--db', ws.log], { corpus: ws.corpus });
    expect(r.code).toBe(0);
    expect(loadState(path.join(path.dirname(ws.log), 'curated.json'))).toEqual([
      { question: '해남 그 센터 공사판 벌어짐?', surfaces: ['해남 그 센터 공사판 벌어짐'], action: 'attached', factId: 'naicc-groundbreaking-plan', at: NOW.toISOString() },
    ]);
    // The whole group is curated (its other wording too), since it shares a wording.
    expect((await list()).map((i) => i.question)).toEqual(['루닛 주가 얼마야?', '2단계 끝나면 뭐 먹지?']);
    // Asked again, unanswered, after the fix: offered again.
    writeLog(path.join(path.dirname(ws.log), 'later.db'), [{ question: '해남 센터 공사판 벌어짐', times: 1, hoursAgo: -1 }]);
    const later = new Date(NOW.getTime() + 2 * 3600_000);
    const again = await curate(['--list', '--json', '--db', path.dirname(ws.log)], { corpus: ws.corpus, now: later });
    expect(JSON.parse(again.out).map((i: { question: string; count: number }) => [i.question, i.count])).toEqual([
      ['해남 그 센터 공사판 벌어짐?', 7],
      ['루닛 주가 얼마야?', 4],
      ['2단계 끝나면 뭐 먹지?', 2],
    ]);
    const elsewhere = path.join(ws.dir, 'mine.json');
    expect((await curate(['--out-of-scope', '루닛 주가 얼마야?', '--db', ws.log, '--state', elsewhere], { corpus: ws.corpus })).code).toBe(0);
    expect(loadState(elsewhere).map((e) => e.action)).toEqual(['out-of-scope']);
    expect((await list(['--state', elsewhere])).map((i) => i.question)).toEqual(['해남 그 센터 공사판 벌어짐?', '2단계 끝나면 뭐 먹지?']);
  });
});
