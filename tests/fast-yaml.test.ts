import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { readFast } from '../src/corpus/fast-yaml.ts';
import { DEFAULT_CORPUS_DIR } from '../src/index.ts';

/** The full read: data and, for a top-level list, each item's line. */
function fullRead(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const data = doc.toJS() ?? [];
  const itemLines = Array.isArray(data) ? data.map((_, i) => lines.linePos((doc.getIn([i], true) as { range: [number] }).range[0]).line) : [];
  return { data, itemLines };
}

describe('the fast read of corpus files', () => {
  const files = fs.readdirSync(DEFAULT_CORPUS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));

  it.each(files)('%s: what it reads is what the full read reads, lines included', (f) => {
    const text = fs.readFileSync(path.join(DEFAULT_CORPUS_DIR, f), 'utf8');
    const fast = readFast(text);
    if (fast) expect(fast).toEqual(fullRead(text));
  });

  it('takes most of the corpus', () => {
    const taken = files.filter((f) => readFast(fs.readFileSync(path.join(DEFAULT_CORPUS_DIR, f), 'utf8')));
    expect(taken.length).toBeGreaterThan(files.length * 0.8);
  });

  it.each([
    ['a plain value with a comment', '- id: a\n  en: PR #12 merged\n'],
    ['a comment line indented under a value', '- id: a\n  en: text\n    # more\n'],
    ['a # in a quoted value inside a flow map', '- id: a\n  event: { en: "PR #12" }\n'],
    ['an anchor and an alias', '- id: &x a\n  en: *x\n'],
    ['a tag', '- id: a\n  en: !!str 12\n'],
    ['a hex number', '- id: a\n  terms: [0x1f]\n'],
    ['1_000', '- id: a\n  terms: [1_000]\n'],
    ['.inf', '- id: a\n  terms: [.inf]\n'],
    ['a null key', 'null: a\n'],
    ['a duplicate key', '- id: a\n  id: b\n'],
    ['an item whose content starts on the next line', '-\n  id: a\n'],
    ['bad YAML', '- id: [a\n'],
  ])('leaves to the full read: %s', (_, text) => expect(readFast(text)).toBeUndefined());

  it.each([
    ['a # inside a quoted value', '- id: a\n  en: "PR #12 merged"\n  ko: \'이슈 #3\'\n', [{ id: 'a', en: 'PR #12 merged', ko: '이슈 #3' }]],
    ['a comment line at column 0', '# facts\n- id: a\n# next\n- id: b\n', [{ id: 'a' }, { id: 'b' }]],
    ['R&D, S&T and a lone &', '- en: R&D and S&T, talent & infra\n', [{ en: 'R&D and S&T, talent & infra' }]],
    ['numbers and booleans as the core schema reads them', '- [12, 012, -3, 1.5, 1e3, true, False, yes, ~x, 2026-01-15]\n', [[12, 12, -3, 1.5, 1000, true, false, 'yes', '~x', '2026-01-15']]],
  ])('reads %s', (_, text, data) => {
    expect(readFast(text)?.data).toEqual(data);
    expect(fullRead(text).data).toEqual(data);
  });
});
