import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A small valid corpus in a temp folder; override any file's text to break it on purpose. */
export const MINI = {
  'sources.yaml': `01-paper-2025-01-01:
  file: 01-paper-2025-01-01.md
  title: A paper
  publisher: Paper
  date: 2025-01-01
  url: https://example.org/a
  lang: en
`,
  'topics.yaml': `- id: gpu
  title: { ko: GPU 지원, en: GPU support }
  aliases: [GPU]
`,
  'aliases/general.yaml': `- id: gpu
  terms: [GPU, 그래픽카드]
- id: programme
  terms: [특화, specialized]
- id: name
  attribute: true
  terms: [이름, name]
`,
  'lexicon/programmes.yaml': `home: specialized
programmes:
  specialized:
    markers: [programme]
nameAttribute: name
`,
  'facts/gpu.yaml': `- id: gpu-per-team
  topic: gpu
  ko: 팀마다 B200 GPU 256장을 지원한다.
  en: Each team gets 256 B200 GPUs.
  sources: [01-paper-2025-01-01]
  asOf: 2025-01-01
- id: gpu-total
  topic: gpu
  ko: 모두 512장이다.
  en: 512 in total.
  sources: [01-paper-2025-01-01]
  asOf: 2025-01-01
  event: { date: 2025-01, ko: GPU 지원 발표, en: GPU support announced }
`,
};

/** The project's lexicon files, which every corpus needs; override one to test it. */
const LEXICON_DIR = fileURLToPath(new URL('../../corpus/lexicon', import.meta.url));
const LEXICON_FILES = Object.fromEntries(fs.readdirSync(LEXICON_DIR).map((f) => [`lexicon/${f}`, fs.readFileSync(path.join(LEXICON_DIR, f), 'utf8')]));

export function writeCorpus(overrides: Partial<Record<string, string>> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
  for (const [file, text] of Object.entries({ ...LEXICON_FILES, ...MINI, ...overrides })) {
    if (text === undefined) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A fixture corpus under tests/fixtures/ with the project's lexicon added, in a temp folder. */
export function fixtureCorpus(name: string): string {
  const src = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  fs.cpSync(src, dir, { recursive: true });
  for (const [file, text] of Object.entries(LEXICON_FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A "billion laughs" YAML document: nine levels of nine aliases each (9^9 strings if expanded). */
export function aliasBomb(): string {
  const lines = ['- &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    lines.push(`- &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
