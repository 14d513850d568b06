/**
 * The fast read of a corpus file, for the common case. js-yaml builds plain data about ten times
 * faster than the `yaml` document model that load.ts reads files with, which stays the authority: a
 * file is read here only when nothing the full read checks or reports can differ, and any doubt
 * returns undefined (then load.ts reads it in full, with every line and check):
 *  - scalars as `yaml` reads them (YAML 1.2 core schema); numbers other than plain decimal ones
 *    (hex, octal, .inf, 1_000) are left to the full read;
 *  - no anchors, aliases or tags (the full read counts aliases; a tag names another type);
 *  - no comment a plain value could lose: a # after a space only in a comment line at column 0
 *    or inside a quoted value that ends its line (the full read reports the others);
 *  - a top-level list's items each start a line with "- ": their lines are read from the text.
 * @internal
 */
import jsyaml from 'js-yaml';

export interface FastRead {
  data: unknown;
  /** For a top-level list, the 1-based line each item starts on. */
  itemLines: number[];
}

/** Booleans, nulls and decimal numbers as YAML 1.2's core schema (and `yaml`) reads them; every other scalar a string. */
const scalar = (tag: string, pattern: RegExp, construct: (s: string) => unknown) =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: string | null) => s !== null && pattern.test(s), construct });
/** A number the core schema reads otherwise than a plain decimal (0x1f, 0o17, .inf, .NaN) or not at all (1_000), or a null literal: left to the full read. */
const OTHER_NUMBER = /^[-+]?(?:0[xob]|\.(?:inf|nan)|[0-9][0-9_]*_)|^\.nan$|^(?:~|null)$/i;
const SCHEMA = new jsyaml.Schema({
  implicit: [
    // An empty value; ~ and null are left to the full read, which reads them as a key otherwise (null: → '').
    scalar('null', /^$/, () => null),
    scalar('bool', /^(?:true|True|TRUE|false|False|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
    scalar('int', /^[-+]?[0-9]+$/, (s) => parseInt(s, 10)),
    scalar('float', /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/, (s) => parseFloat(s)),
    scalar('other', OTHER_NUMBER, () => {
      throw new Error('a number the full read reads');
    }),
  ],
  explicit: [],
});

/** An anchor (&a), an alias (*a) or a tag (!t, !!str) where YAML reads one: after a space, a line start or a flow indicator. */
const NODE_PROPERTY = /(?:^|[\s[\]{},:])[&*!][^\s]/m;
/** A # after a space or a tab, or indented at a line's start: a comment (unless inside quotes). */
const HASH = /(?:^|[ \t])#/;
/** A line that is one quoted value: indentation, list dashes, a plain key, then "…" or '…' to the end. */
const QUOTED_LINE = /^\s*(?:-\s+)*(?:[\w.-]+:\s+)?(["'])/;

/** Whether `line` is one quoted value that closes at its last character (so every # in it is text). */
function isQuotedLine(line: string): boolean {
  const m = QUOTED_LINE.exec(line);
  if (!m) return false;
  const quote = m[1]!;
  const end = line.trimEnd().length;
  let i = m[0].length;
  while (i < end) {
    const ch = line[i]!;
    if (quote === '"' && ch === '\\') i += 2; // an escape in a double-quoted value
    else if (ch === quote && quote === "'" && line[i + 1] === "'") i += 2; // '' in a single-quoted value
    else if (ch === quote) return i === end - 1;
    else i++;
  }
  return false;
}

/** The file's data and item lines, or undefined when the full read must decide. */
export function readFast(text: string): FastRead | undefined {
  if (NODE_PROPERTY.test(text)) return undefined;
  const lines = text.split('\n');
  const itemLines: number[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.startsWith('- ') && line.trim() !== '-' && !/^-\s+#/.test(line)) itemLines.push(n + 1);
    if (!line.includes('#') || line.startsWith('#') || !HASH.test(line)) continue;
    if (!isQuotedLine(line)) return undefined;
  }
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: SCHEMA }) ?? [];
  } catch {
    return undefined; // bad YAML, a duplicate key, a number form above: the full read reports or reads it
  }
  if (Array.isArray(data) && data.length !== itemLines.length) return undefined;
  return { data, itemLines: Array.isArray(data) ? itemLines : [] };
}
