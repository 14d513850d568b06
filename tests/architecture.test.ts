/**
 * The layers, read from the source: the engine (src/) does no I/O and knows no platform; the
 * runtime (runtime/) knows no platform; an adapter never imports another; Slack and Discord reach
 * the engine only through the runtime's one interface; and a process loads a platform's SDK only
 * when that platform runs (static imports; the app loads each platform with a dynamic import).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SDKS = ['@slack/', 'discord.js', '@discordjs/', 'ws'];
/** Modules that reach files, databases or the network. */
const IO = ['node:fs', 'fs', 'node:fs/promises', 'node:net', 'node:http', 'node:https', 'node:http2', 'node:dgram', 'node:child_process', 'node:worker_threads', 'better-sqlite3', 'ioredis', 'rate-limiter-flexible', 'prom-client', 'pino', 'undici'];
/** The engine's one file reader: it loads the corpus folder it is given, the engine's only input. */
const ENGINE_READS_CORPUS = 'src/corpus/load.ts';

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative('.', path.join(e.parentPath, e.name)));
}

/**
 * The modules a file loads when it runs: static imports and re-exports, not `import()`, and not
 * `import type` / `export type` (erased at compile time; verbatimModuleSyntax guarantees it).
 */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gms)].map((m) => (m[1] ?? m[2])!);
}

/** A relative import as a repository path; a package as its name. */
function resolve(from: string, spec: string): string {
  return spec.startsWith('.') ? path.relative('.', path.resolve(path.dirname(from), spec)) : spec;
}

/** Every module (file or package) a file loads through static imports, transitively. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    for (const spec of importsOf(file)) {
      const target = resolve(file, spec);
      if (seen.has(target)) continue;
      seen.add(target);
      if (target.endsWith('.ts')) todo.push(target);
    }
  }
  return seen;
}

const packageOf = (target: string, names: string[]) => names.find((n) => target === n || target.startsWith(n.endsWith('/') ? n : `${n}/`));

describe('the engine', () => {
  it('imports no platform SDK', () => {
    for (const f of tsFiles('src')) for (const spec of importsOf(f)) expect(packageOf(spec, SDKS), `${f} imports ${spec}`).toBeUndefined();
  });

  it(`does no I/O: no file system, database or network module (the corpus loader, ${ENGINE_READS_CORPUS}, reads its folder)`, () => {
    for (const f of tsFiles('src')) {
      if (f === ENGINE_READS_CORPUS) continue;
      for (const spec of importsOf(f)) expect(packageOf(spec, IO), `${f} imports ${spec}`).toBeUndefined();
    }
  });

  it('imports nothing from the runtime or the adapters', () => {
    for (const f of tsFiles('src')) for (const spec of importsOf(f)) expect(resolve(f, spec), `${f} imports ${spec}`).not.toMatch(/^(runtime|adapters)\//);
  });
});

describe('the runtime', () => {
  it('imports no platform SDK and nothing from the adapters', () => {
    for (const f of tsFiles('runtime')) {
      for (const spec of importsOf(f)) {
        expect(packageOf(spec, SDKS), `${f} imports ${spec}`).toBeUndefined();
        expect(resolve(f, spec), `${f} imports ${spec}`).not.toMatch(/^adapters\//);
      }
    }
  });
});

describe('the adapters', () => {
  const platforms = ['slack', 'discord', 'cli'];

  it('never import one another', () => {
    for (const p of platforms) {
      for (const f of tsFiles(`adapters/${p}`)) {
        for (const spec of importsOf(f)) {
          const other = platforms.find((q) => q !== p && resolve(f, spec).startsWith(`adapters/${q}/`));
          expect(other, `${f} imports ${spec}`).toBeUndefined();
        }
      }
    }
  });

  it('Slack and Discord use the engine only through the runtime (its types aside)', () => {
    for (const p of ['slack', 'discord']) {
      for (const f of tsFiles(`adapters/${p}`)) {
        for (const spec of importsOf(f)) {
          const target = resolve(f, spec);
          if (target.startsWith('src/')) expect(target, `${f} imports ${spec}`).toBe('src/types.ts');
        }
      }
    }
  });

  it('load a platform SDK only where that platform runs', () => {
    const bolt = (entry: string) => [...reachable(entry)].filter((t) => packageOf(t, ['@slack/']));
    const discord = (entry: string) => [...reachable(entry)].filter((t) => packageOf(t, ['discord.js', '@discordjs/']));
    // A Discord shard process, the terminal chat and `npm start` before it knows what is configured.
    for (const entry of ['adapters/main.ts', 'adapters/config.ts', 'adapters/app.ts', 'adapters/cli/chat.ts', 'adapters/discord/run.ts', 'adapters/discord/shard.ts']) expect(bolt(entry), entry).toEqual([]);
    for (const entry of ['adapters/main.ts', 'adapters/config.ts', 'adapters/app.ts', 'adapters/cli/chat.ts', 'adapters/slack/index.ts']) expect(discord(entry), entry).toEqual([]);
    // The walker does see an SDK where there is one.
    expect(bolt('adapters/slack/index.ts')).toContain('@slack/bolt');
    expect(discord('adapters/discord/index.ts')).toContain('discord.js');
  });
});
