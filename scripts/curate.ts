/**
 * `npm run curate`: the curator's loop (see scripts/curate/cli.ts for the options).
 */
import { isMain } from '../adapters/entry.ts';
import { runCurate } from './curate/cli.ts';

if (isMain(import.meta.url)) {
  process.exitCode = await runCurate(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    today: () => new Date().toISOString().slice(0, 10),
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
}
