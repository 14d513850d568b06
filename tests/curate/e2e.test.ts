/**
 * The curator's loop end to end, as issue 13 asks: on a copy of the corpus and a real question log,
 * `--list` offers the misses, `--attach` makes the question answered by that fact and
 * `--out-of-scope` makes it abstained, the YAML keeps every comment and line it had, and neither is
 * offered again. `--stale` lists the plans past due (the K-Fold release, the NAICC groundbreaking).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOf, curate, workspace, writeLog } from './helpers.ts';
import { classifierStale } from '../../src/search/classifier.ts';
import { exampleAnalysesStale } from '../../src/search/example-analyses.ts';
import { loadCorpus } from '../../src/corpus/load.ts';

let ws: ReturnType<typeof workspace>;
beforeAll(() => (ws = workspace()));
afterAll(() => ws.cleanup());

/** Every YAML file of the corpus: name → text. */
const snapshot = (dir: string) => Object.fromEntries(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
const comments = (text: string) => text.split('\n').filter((l) => /^\s*#/.test(l) || /\s#\s/.test(l));

describe('npm run curate end to end', () => {
  it('--list, then --attach and --out-of-scope: answered by that fact, abstained, comments kept, not offered again', { timeout: 300_000 }, async () => {
    writeLog(ws.log, [
      { question: '해남 그 센터 공사판 벌어짐?', times: 5 },
      { question: '2단계 끝나면 뭐 먹지?', times: 3, factId: 'schedule-stage-2', down: 3 },
      { question: '서울 날씨 어때', times: 1 },
    ]);
    const before = snapshot(ws.corpus);
    const ask = (q: string) => answerOf(ws.corpus, q);
    expect(ask('해남 그 센터 공사판 벌어짐?')).toBeNull();
    expect(ask('2단계 끝나면 뭐 먹지?')).toBe('schedule-stage-2');

    const listed = await curate(['--list', '--json', '--db', ws.log], { corpus: ws.corpus });
    const items = JSON.parse(listed.out) as { kind: string; question: string; count: number; top: { factId: string } }[];
    expect(items.map((i) => [i.kind, i.question, i.count])).toEqual([
      ['unanswered', '해남 그 센터 공사판 벌어짐?', 5],
      ['downvoted', '2단계 끝나면 뭐 먹지?', 3],
      ['unanswered', '서울 날씨 어때', 1],
    ]);

    // The top candidate of the first is the right fact: attach the question to it.
    const attach = await curate(['--attach', items[0]!.question, '--to', items[0]!.top.factId, '--db', ws.log], { corpus: ws.corpus });
    expect(attach.err).toBe('');
    expect(attach.code).toBe(0);
    // A new example changes what the question classifier learns from: it is trained again before the eval line.
    expect(attach.out).toMatch(/^attached to naicc-groundbreaking-plan: 해남 그 센터 공사판 벌어짐\?\ntrained the classifier again on \d+ example questions, and the choice among follow-ups' readings \([\d.]+ s\)\neval: dev hit@1 [\d.]+% → [\d.]+%.*\n/);
    expect(ask('해남 그 센터 공사판 벌어짐?')).toBe('naicc-groundbreaking-plan');
    expect(classifierStale(loadCorpus(ws.corpus))).toBe(false);
    // And the index's stored analyses of the examples are made again with it.
    expect(exampleAnalysesStale(loadCorpus(ws.corpus))).toBe(false);

    const oos = await curate(['--out-of-scope', items[1]!.question, '--note', 'small talk', '--db', ws.log], { corpus: ws.corpus });
    expect(oos.code).toBe(0);
    expect(oos.out).toMatch(/^marked out of scope: 2단계 끝나면 뭐 먹지\?\ntrained the choice among follow-ups' readings again \([\d.]+ s\)\neval: .*\n {2}\[corpus\/out-of-scope\.yaml\] 2단계 끝나면 뭐 먹지\?: schedule-stage-2 → \(not found\)\n/);
    expect(ask('2단계 끝나면 뭐 먹지?')).toBeNull();

    // Every file kept its comments and lines: the only changes are the added lines.
    const after = snapshot(ws.corpus);
    for (const [file, text] of Object.entries(before)) {
      expect(comments(after[file]!), file).toEqual(comments(text));
      const added = after[file]!.split('\n').filter((l) => !text.split('\n').includes(l));
      expect(after[file]!.split('\n').filter((l) => !added.includes(l)), file).toEqual(text.split('\n'));
    }
    expect(after['facts/infrastructure/naicc.yaml']!.length - before['facts/infrastructure/naicc.yaml']!.length).toBe('    - "해남 그 센터 공사판 벌어짐?"\n'.length);
    expect(after['out-of-scope.yaml']).toMatch(/^# Questions curators marked out of scope.*\n(#.*\n)*- q: "2단계 끝나면 뭐 먹지\?"\n {2}note: "small talk"\n {2}added: 2026-12-06\n$/);

    // Both curated: only the third is offered now.
    const again = await curate(['--list', '--json', '--db', ws.log], { corpus: ws.corpus });
    expect(JSON.parse(again.out).map((i: { question: string }) => i.question)).toEqual(['서울 날씨 어때']);

    // A question attached elsewhere already, and an unknown fact: exit 2, nothing changed.
    const dup = await curate(['--attach', '해남 그 센터 공사판 벌어짐?', '--to', 'naicc-overview', '--db', ws.log], { corpus: ws.corpus });
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('is already an example of naicc-groundbreaking-plan');
    const unknown = await curate(['--attach', '서울 날씨 어때', '--to', 'no-such-fact'], { corpus: ws.corpus });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown fact id "no-such-fact"');
    expect(snapshot(ws.corpus)).toEqual(after);
  });

  it('--near-miss: a question about a fact asking what no source states is refused from then on, and close rewordings too', { timeout: 240_000 }, async () => {
    const q = '루닛 컨소 182억 중에 인건비 몇 억임?';
    const ask = (text: string) => answerOf(ws.corpus, text);
    expect(ask(q)).toBe('budget-lunit-project');
    const before = fs.readFileSync(path.join(ws.corpus, 'facts/specialized/budget.yaml'), 'utf8');
    const r = await curate(['--near-miss', q, '--to', 'budget-lunit-project'], { corpus: ws.corpus });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // A near-miss is read as examples are (stored analyses): they are made again before the eval line.
    expect(r.out).toMatch(/^marked a near-miss of budget-lunit-project: 루닛 컨소 182억 중에 인건비 몇 억임\?\ntrained the classifier again on \d+ example questions, and the choice among follow-ups' readings \([\d.]+ s\)\neval: /);
    expect(ask(q)).toBeNull();
    expect(ask('루닛 컨소시엄 182억 중 인건비는 몇 억이야?')).toBeNull();
    // What the fact answers is still answered.
    expect(ask('루닛 과제 예산 얼마야?')).toBe('budget-lunit-project');
    const after = fs.readFileSync(path.join(ws.corpus, 'facts/specialized/budget.yaml'), 'utf8');
    expect(after.length - before.length).toBe(`    - "${q}"\n`.length);
    expect(exampleAnalysesStale(loadCorpus(ws.corpus))).toBe(false);
    // Marked twice: exit 2, nothing changed.
    const dup = await curate(['--near-miss', q, '--to', 'budget-lunit-usd'], { corpus: ws.corpus });
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('is already a near-miss of budget-lunit-project');
    const noFact = await curate(['--near-miss', q], { corpus: ws.corpus });
    expect(noFact.code).toBe(2);
    expect(noFact.err).toContain('--near-miss needs --to FACT_ID');
  });

  it('--stale lists the plans past due with their sources: the K-Fold release and the NAICC groundbreaking among them', async () => {
    const r = await curate(['--stale'], { corpus: ws.corpus });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+ plans past due with no outcome in the corpus \(look these up next\):\n/);
    expect(r.out).toMatch(/^- open-source-kfold-preview \(due 2026-09-20\): .*\n {4}PyPI 2026-08-01 https:\/\/pypi\.org\/project\/kfold\/1\.0\.0b1\/\n/m);
    expect(r.out).toMatch(/^- naicc-groundbreaking-plan \(due 2026-07\): 국가AI컴퓨팅센터는 2026년 3분기에 착공할 계획이다/m);
    const json = JSON.parse((await curate(['--stale', '--json'], { corpus: ws.corpus })).out) as { factId: string; due: string; sources: { id: string }[] }[];
    expect(json.map((p) => p.factId)).toEqual(expect.arrayContaining(['open-source-kfold-preview', 'naicc-groundbreaking-plan']));
    expect(json.every((p) => p.due < '2026-12-06' && p.sources.length > 0)).toBe(true);
  });
});
