/**
 * Tells when anything under a folder may have changed, in the ways files really change: an editor's
 * write-temp-and-rename, `sed -i`, delete and re-create (`git checkout`, `git pull`), and the whole
 * folder swapped for another. Node's recursive fs.watch on Linux follows inodes and goes deaf after
 * the first rename; chokidar misses a swapped folder. So: one plain watcher per directory (it follows
 * the directory, whose entries may come and go), one on the parent for the folder itself, every
 * watcher checked again after each event, and a slow rescan as a safety net for anything missed
 * (network file systems, watcher errors). Callers compare contents, so a spurious call costs little.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface FolderWatchOptions {
  /** Editors save in bursts (temp file, rename, chmod): wait this long after the last event. */
  debounceMs?: number;
  /** The safety-net rescan; 0 turns it off. */
  rescanMs?: number;
  /** A watcher failed (it is set up again on the next event or rescan). */
  onError?(error: Error): void;
}

export interface FolderWatch {
  close(): void;
}

export function watchFolder(dir: string, onChange: () => void, { debounceMs = 300, rescanMs = 5000, onError }: FolderWatchOptions = {}): FolderWatch {
  const root = path.resolve(dir);
  const watchers = new Map<string, { ino: number; watcher: fs.FSWatcher }>();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const changed = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      sync();
      onChange();
    }, debounceMs);
  };

  function watch(target: string, ino: number, filter?: string) {
    try {
      const watcher = fs.watch(target, (_event, name) => {
        if (!filter || String(name) === filter) changed();
      });
      watcher.on('error', (e) => {
        watcher.close();
        watchers.delete(target);
        onError?.(e);
        changed();
      });
      watchers.set(target, { ino, watcher });
    } catch (e) {
      onError?.(e as Error);
    }
  }

  /** Watches every directory that exists now (again when its inode changed), and forgets the rest. */
  function sync() {
    if (closed) return;
    const wanted = new Map<string, number>();
    const parent = path.dirname(root);
    const parentIno = inode(parent);
    if (parentIno !== undefined) wanted.set(parent, parentIno);
    for (const d of directories(root)) {
      const ino = inode(d);
      if (ino !== undefined) wanted.set(d, ino);
    }
    for (const [d, w] of watchers) {
      if (wanted.get(d) !== w.ino) {
        w.watcher.close();
        watchers.delete(d);
      }
    }
    for (const [d, ino] of wanted) if (!watchers.has(d)) watch(d, ino, d === parent ? path.basename(root) : undefined);
  }

  sync();
  const rescan = rescanMs > 0 ? setInterval(changed, rescanMs).unref() : undefined;
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(rescan);
      for (const w of watchers.values()) w.watcher.close();
      watchers.clear();
    },
  };
}

function inode(p: string): number | undefined {
  try {
    const s = fs.statSync(p);
    return s.isDirectory() ? s.ino : undefined;
  } catch {
    return undefined;
  }
}

/** `dir` and every directory below it; none if it does not exist (yet). */
function directories(dir: string): string[] {
  try {
    const below = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory());
    return [dir, ...below.map((e) => path.join(e.parentPath, e.name))];
  } catch {
    return [];
  }
}
