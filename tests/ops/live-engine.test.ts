import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusError } from '../../src/corpus/load.ts';
import { createLiveEngine, type LiveEngine } from '../../runtime/live-engine.ts';
import { MINI, writeCorpus } from '../helpers/tmp-corpus.ts';

let live: LiveEngine | undefined;
afterEach(() => live?.close());

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('live corpus', () => {
  it('an edit takes effect without a restart; topics follow the swap', async () => {
    const dir = writeCorpus();
    const reloads: number[] = [];
    live = createLiveEngine(dir, { onReload: (n) => reloads.push(n) });
    live.watch(50);
    expect(live.ask('팀마다 그래픽카드 몇 장?').answers[0]?.text).toContain('256');
    fs.writeFileSync(path.join(dir, 'facts/gpu.yaml'), MINI['facts/gpu.yaml'].replace('B200 GPU 256장', 'B200 GPU 300장'));
    fs.writeFileSync(path.join(dir, 'topics.yaml'), MINI['topics.yaml'] + "- id: budget\n  title: { ko: 예산, en: Budget }\n");
    await until(() => reloads.length > 0 && live!.topics('ko').some((t) => t.id === 'budget'));
    expect(live.ask('팀마다 그래픽카드 몇 장?').answers[0]?.text).toContain('300');
    expect(live.corpus.topics.map((t) => t.id)).toContain('budget');
  });

  it('a broken edit is refused with file, fact and field, and the last good corpus keeps serving', async () => {
    const dir = writeCorpus();
    const errors: CorpusError[] = [];
    live = createLiveEngine(dir, { onError: (e) => errors.push(e) });
    live.watch(50);
    fs.writeFileSync(path.join(dir, 'facts/gpu.yaml'), MINI['facts/gpu.yaml'].replace('  asOf: 2025-01-01\n- id: gpu-total', '  asOf: 2025-01-01\n  colour: red\n- id: gpu-total'));
    await until(() => errors.length > 0);
    expect(errors[0]!.message).toMatch(/facts\/gpu\.yaml:\d+: fact gpu-per-team: Unrecognized key: "colour"/);
    expect(live.ask('팀마다 그래픽카드 몇 장?').answers[0]?.text).toContain('256');
  });

  it('reload() reports the outcome', () => {
    const dir = writeCorpus();
    live = createLiveEngine(dir);
    expect(live.reload()).toEqual({ ok: true, facts: 2 });
    fs.writeFileSync(path.join(dir, 'facts/gpu.yaml'), '- id: [');
    const r = live.reload();
    expect(r.ok).toBe(false);
    expect(live.corpus.facts).toHaveLength(2);
  });
});
