import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus } from '../src/corpus/load.ts';
import { aliasBomb, MINI, writeCorpus } from './helpers/tmp-corpus.ts';

/** The error report a curator reads, with the temp folder replaced by <corpus>. */
function report(overrides: Record<string, string>): string {
  const dir = writeCorpus(overrides);
  try {
    loadCorpus(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CorpusError);
    return (e as CorpusError).message.replaceAll(path.relative(process.cwd(), dir), '<corpus>');
  }
  throw new Error('expected the corpus to be rejected');
}

describe('a broken corpus names the file, line, fact and field', () => {
  it('loads the valid mini corpus', () => {
    const c = loadCorpus(writeCorpus());
    expect(c.facts.map((f) => f.id)).toEqual(['gpu-per-team', 'gpu-total']);
  });

  it('bad YAML', () => {
    expect(report({ 'facts/gpu.yaml': MINI['facts/gpu.yaml'].replace('  topic: gpu\n  ko: 팀마다', '  topic: [gpu\n  ko: 팀마다') })).toMatch(
      /<corpus>\/facts\/gpu\.yaml:\d+: bad YAML/,
    );
  });

  it('an unquoted " #" that would cut a statement short', () => {
    const cut = MINI['facts/gpu.yaml'].replace(/  ko: 팀마다[^\n]*/, '  ko: 팀마다 B200 256장 (PR #123)');
    expect(report({ 'facts/gpu.yaml': cut })).toMatch(/<corpus>\/facts\/gpu\.yaml:3: fact gpu-per-team, field ko: the text after " #" is read as a YAML comment and lost; quote the value/);
  });

  it('unknown field', () => {
    expect(report({ 'facts/gpu.yaml': MINI['facts/gpu.yaml'].replace('  asOf: 2025-01-01\n- id: gpu-total', '  asof: 2025-01-01\n  asOf: 2025-01-01\n- id: gpu-total') }))
      .toMatchInlineSnapshot(`
        "Corpus: 1 problem
          <corpus>/facts/gpu.yaml:1: fact gpu-per-team: Unrecognized key: "asof""
      `);
  });

  it('missing source list, duplicate id, unknown source, unknown topic', () => {
    const broken = `- id: gpu-per-team
  topic: gpus
  ko: 다른 문장.
  en: Another sentence.
  sources: [nowhere-2025]
  asOf: 2025-01-01
- id: no-source
  topic: gpu
  ko: 출처 없음.
  en: No source.
  asOf: 2025-01-01
`;
    expect(report({ 'facts/more.yaml': broken })).toMatchInlineSnapshot(`
      "Corpus: 1 problem
        <corpus>/facts/more.yaml:7: fact no-source, field sources: Invalid input: expected array, received undefined"
    `);
    expect(report({ 'facts/more.yaml': broken.split('- id: no-source')[0]! })).toMatchInlineSnapshot(`
      "Corpus: 3 problems
        <corpus>/facts/more.yaml:1: fact gpu-per-team, field id: duplicate fact id (first defined at <corpus>/facts/gpu.yaml:1)
        <corpus>/facts/more.yaml:2: fact gpu-per-team, field topic: unknown topic "gpus" (not in topics.yaml)
        <corpus>/facts/more.yaml:5: fact gpu-per-team, field sources[0]: unknown source "nowhere-2025" (not in sources.yaml)"
    `);
  });

  it('a bad date and a colliding alias', () => {
    expect(report({ 'facts/gpu.yaml': MINI['facts/gpu.yaml'].replace('asOf: 2025-01-01\n- id', 'asOf: 2025-13-01\n- id'), 'aliases/more.yaml': '- id: card\n  terms: [그래픽 카드, card]\n' }))
      .toMatchInlineSnapshot(`
        "Corpus: 2 problems
          <corpus>/facts/gpu.yaml:6: fact gpu-per-team, field asOf: expected a date as YYYY-MM-DD
          <corpus>/aliases/more.yaml:2: alias group card, field terms[0]: alias "그래픽 카드" is already in group gpu"
      `);
  });
});


describe('files that are refused whole', () => {
  it('a YAML alias bomb is a corpus error naming the file and the line of the first alias', () => {
    expect(report({ 'facts/gpu.yaml': aliasBomb() })).toMatch(/<corpus>\/facts\/gpu\.yaml:2: too many YAML aliases/);
  });

  it('a few aliases are fine', () => {
    const withAlias = MINI['facts/gpu.yaml'].replace('  sources: [01-paper-2025-01-01]\n  asOf: 2025-01-01\n- id: gpu-total', '  sources: &src [01-paper-2025-01-01]\n  asOf: 2025-01-01\n- id: gpu-total').replace(/(- id: gpu-total[\s\S]*?)  sources: \[01-paper-2025-01-01\]/, '$1  sources: *src');
    expect(withAlias).toContain('*src');
    expect(loadCorpus(writeCorpus({ 'facts/gpu.yaml': withAlias })).facts).toHaveLength(2);
  });

  it.each([
    ['empty', ''],
    ['only a comment', '# to do\n'],
    ['an empty list', '[]\n'],
  ])('a fact file that is %s is an error (facts would silently disappear)', (_what, text) => {
    expect(report({ 'facts/more.yaml': text })).toMatch(/<corpus>\/facts\/more\.yaml: no facts in this file/);
  });
});
