/**
 * The interactive walk (`npm run curate` at a terminal), driven through injected streams: one key
 * per item, the eval line after each change, the state kept; the new fact drafted in $EDITOR (a
 * script standing in for the curator's editor).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/index.ts';
import { loadState } from '../../scripts/curate/state.ts';
import { answerOf, curate, workspace, writeLog } from './helpers.ts';

let ws: ReturnType<typeof workspace>;
beforeEach(() => (ws = workspace()));
afterEach(() => ws.cleanup());

const walk = (input: string, env: Record<string, string> = {}) => curate(['--db', ws.log], { corpus: ws.corpus, input, isTTY: true, env });
const answer = (q: string) => answerOf(ws.corpus, q);

describe('curate at a terminal', () => {
  it('shows each item with its top candidates and why, and attaches with one key', { timeout: 240_000 }, async () => {
    writeLog(ws.log, [
      { question: '해남 그 센터 공사판 벌어짐?', times: 3 },
      { question: '루닛 주가 얼마야?', times: 1 },
    ]);
    const file = path.join(ws.corpus, 'facts/infrastructure/naicc.yaml');
    const before = fs.readFileSync(file, 'utf8');
    expect(answer('해남 그 센터 공사판 벌어짐?')).toBeNull();
    // 1: attach to the first candidate; then skip the second item.
    const r = await walk('1\ns\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('── [1/2] unanswered ×3  "해남 그 센터 공사판 벌어짐?"');
    expect(r.out).toContain('the engine now: not found');
    expect(r.out).toMatch(/^ {3}1\. naicc-groundbreaking-plan {2}score [\d.]+ {2}coverage [\d.]+ {2}evidence [\d.]+\n {7}국가AI컴퓨팅센터는 2026년 3분기에 착공할 계획이다/m);
    expect(r.out).toMatch(/^ {7}rules: .*coverage ×/m);
    expect(r.out).toMatch(/^ {7}closest example \([\d.]+\): /m);
    expect(r.out).toContain('keys: 1-3 attach to that fact');
    expect(r.out).toContain('attached to naicc-groundbreaking-plan: 해남 그 센터 공사판 벌어짐?');
    expect(r.out).toMatch(/eval: dev hit@1 [\d.]+% → [\d.]+%, abstention [\d.]+% → [\d.]+%; blind hit@1 [\d.]+% → [\d.]+%; \d+ dev answers? changed, \d+ blind/);
    expect(r.out).toContain('── [2/2] unanswered ×1  "루닛 주가 얼마야?"');
    expect(r.out).toContain('1 item curated this session.');
    // The question is answered by that fact now; the file changed by that one line.
    expect(answer('해남 그 센터 공사판 벌어짐?')).toBe('naicc-groundbreaking-plan');
    const after = fs.readFileSync(file, 'utf8');
    expect(after.replace('    - "해남 그 센터 공사판 벌어짐?"\n', '')).toBe(before);
    // Not offered again; the skipped one is.
    expect(loadState(path.join(path.dirname(ws.log), 'curated.json')).map((e) => [e.question, e.action, e.factId])).toEqual([['해남 그 센터 공사판 벌어짐?', 'attached', 'naicc-groundbreaking-plan']]);
    const next = await walk('q\n');
    expect(next.out).toContain('── [1/1] unanswered ×1  "루닛 주가 얼마야?"');
    expect(next.out).toContain('0 items curated this session.');
  });

  it('a word for a fact\'s keywords or an alias group, out of scope, dismiss; bad keys and input that ends', { timeout: 240_000 }, async () => {
    writeLog(ws.log, [
      { question: '해남 그 센터 공사판 벌어짐?', times: 3 },
      { question: '루닛 주가 얼마야?', times: 2 },
      { question: '점심 메뉴 추천해줘', times: 1 },
    ]);
    const aliases = path.join(ws.corpus, 'aliases');
    const r = await walk(['x', 'w', 'no-such-group', 'w', '루닛', '루닛쓰', 'k', 'zz-unknown', '공사 들어감', 's', 'o', '주가는 자료 밖', 'd'].join('\n') + '\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('unknown key "x"');
    expect(r.out).toContain('no alias group "no-such-group"');
    expect(r.out).toContain('added "루닛쓰" to the alias group lunit');
    expect(r.out).toContain('curate: unknown fact id "zz-unknown"');
    expect(r.out).toContain('marked out of scope: 루닛 주가 얼마야?');
    expect(r.out).toContain('dismissed: it will not be offered again.');
    expect(fs.readdirSync(aliases).some((f) => fs.readFileSync(path.join(aliases, f), 'utf8').includes('루닛쓰'))).toBe(true);
    expect(fs.readFileSync(path.join(ws.corpus, 'out-of-scope.yaml'), 'utf8')).toContain('- q: "루닛 주가 얼마야?"\n  note: "주가는 자료 밖"\n');
    expect(answer('루닛 주가 얼마야?')).toBeNull();
    const state = loadState(path.join(path.dirname(ws.log), 'curated.json'));
    expect(state.map((e) => [e.question, e.action])).toEqual([
      ['루닛 주가 얼마야?', 'out-of-scope'],
      ['점심 메뉴 추천해줘', 'dismissed'],
    ]);
    // The input ends in the middle of a prompt: the walk ends quietly.
    const cut = await walk('k\n1\n');
    expect(cut.code).toBe(0);
    expect(cut.out).toContain('── [1/1]');
    // Without a terminal the walk does not start.
    const piped = await curate(['--db', ws.log], { corpus: ws.corpus, input: '1\n' });
    expect(piped.code).toBe(2);
    expect(piped.err).toContain('no terminal for the interactive walk');
  });

  it('n drafts a new fact in $EDITOR, validates it (asking again when it is broken) and appends it to its topic\'s file', { timeout: 240_000 }, async () => {
    writeLog(ws.log, [{ question: '해남 센터 전기는 어디서 끌어와?', times: 2 }]);
    // The "editor": first saves a fact with an unknown source, then (asked again) a valid one.
    const editor = path.join(ws.dir, 'editor.mjs');
    const seen = path.join(ws.dir, 'draft-seen.yaml');
    fs.writeFileSync(
      editor,
      `import { spawn } from 'node:child_process';
import fs from 'node:fs';
const file = process.argv[2];
const text = fs.readFileSync(file, 'utf8');
const first = !fs.existsSync(${JSON.stringify(seen)});
if (first) fs.writeFileSync(${JSON.stringify(seen)}, text);
const fact = (source) => text.replace(/^- id:\\n  topic: (.*)\\n  ko:\\n  en:\\n/m, (m, topic) => '- id: naicc-power-supply\\n  topic: ' + topic + '\\n  ko: 국가AI컴퓨팅센터 전력 공급 계획은 자료에 아직 없다.\\n  en: The sources do not yet say how the National AI Computing Center will be powered.\\n').replace(/^  sources: \\[.*\\]$/m, '  sources: [' + source + ']');
fs.writeFileSync(file, first ? fact('no-such-source') : fact('107-aihnnews-2026-04-20-naicc-groundbreaking-plan'));
`,
    );
    const file = path.join(ws.corpus, 'facts/infrastructure/naicc.yaml');
    const before = fs.readFileSync(file, 'utf8');
    const r = await walk('n\ne\n', { EDITOR: `${process.execPath} ${editor}` });
    expect(r.err).toBe('');
    // The template: the question as first example, the nearest fact's topic, every source listed.
    const draft = fs.readFileSync(seen, 'utf8');
    expect(draft).toContain('# A new fact for "해남 센터 전기는 어디서 끌어와?" (asked 2 times).');
    expect(draft).toMatch(/^# {3}107-aihnnews-2026-04-20-naicc-groundbreaking-plan: /m);
    expect(draft).toContain('  topic: naicc\n');
    expect(draft).toContain('  examples:\n    - "해남 센터 전기는 어디서 끌어와?"\n');
    expect(draft).toContain('  asOf: 2026-12-06\n');
    expect(r.out).toMatch(/the draft was not added: .*no-such-source/s);
    expect(r.out).toContain(`added the fact naicc-power-supply to ${path.relative(process.cwd(), file)}`);
    expect(r.out).toContain("now: answered by naicc-power-supply");
    expect(r.out).toMatch(/eval: dev hit@1/);
    const after = fs.readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).not.toMatch(/^#/m); // the template's comments stay out
    expect(after.slice(before.length)).toContain('- id: naicc-power-supply\n  topic: naicc\n');
    expect(loadEngine(ws.corpus).corpus.facts.some((f) => f.id === 'naicc-power-supply')).toBe(true);
    expect(loadState(path.join(path.dirname(ws.log), 'curated.json')).map((e) => [e.action, e.factId])).toEqual([['new-fact', 'naicc-power-supply']]);
  });

  it('npm run curate at a real terminal (a pseudo-terminal through script) walks; piped, it refuses', { timeout: 60_000 }, async () => {
    writeLog(ws.log, [{ question: '루닛 주가 얼마야?', times: 2 }]);
    const run = (command: string, args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(command, args, { env: { PATH: process.env.PATH, CORPUS_DIR: ws.corpus, QUESTION_LOG: ws.log }, stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.stdin.end('q\n');
        child.on('close', (code) => resolve({ code, out, err }));
      });
    const tty = await run('script', ['-qec', `${process.execPath} --import tsx scripts/curate.ts`, '/dev/null']);
    expect(tty.code).toBe(0);
    expect(tty.out).toContain('── [1/1] unanswered ×2  "루닛 주가 얼마야?"');
    expect(tty.out).toContain('0 items curated this session.');
    const piped = await run(process.execPath, ['--import', 'tsx', 'scripts/curate.ts']);
    expect(piped.code).toBe(2);
    expect(piped.err).toContain('no terminal for the interactive walk');
  });
});
