/**
 * The engine as it was at a git commit (HEAD by default), checked out in a temporary worktree that
 * shares this checkout's node_modules, so `npm run eval` can say which answers a change moved.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PreviousEngine {
  ref: string;
  ask(q: string): { answered: boolean; answers: { factId: string }[] };
  close(): void;
}

/** Loads the engine and corpus of `ref`; undefined (with the reason) when git cannot provide it. */
export async function loadPrevious(root: string, ref = 'HEAD'): Promise<PreviousEngine | string> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  let dir: string;
  let sha: string;
  try {
    sha = git('rev-parse', '--short', ref);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-prev-'));
    git('worktree', 'add', '--detach', '--quiet', dir, sha);
  } catch (e) {
    return `cannot check out ${ref}: ${(e as Error).message.split('\n')[0]}`;
  }
  const close = () => {
    try {
      git('worktree', 'remove', '--force', dir);
    } catch {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const mod = (await import(pathToFileURL(path.join(dir, 'src/index.ts')).href)) as {
      loadEngine(dir: string): PreviousEngine;
    };
    const engine = mod.loadEngine(path.join(dir, 'corpus'));
    return { ref: sha, ask: (q) => engine.ask(q), close };
  } catch (e) {
    close();
    return `cannot load the engine of ${ref}: ${(e as Error).message.split('\n')[0]}`;
  }
}
