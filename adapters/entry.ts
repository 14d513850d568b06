/** Helpers for the scripts that are also modules (ask, register, shard): run only when started directly. */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

/** True when the module at `moduleUrl` is the script node was started with (links resolved). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return moduleUrl === pathToFileURL(fs.realpathSync(entry)).href;
  } catch {
    return false;
  }
}

/** Runs a script's body: any error is printed as one line and exits 1. */
export async function runMain(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
