/** An error nothing caught is logged (flushed) and the process exits 1, so that a supervisor restarts it. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (kind: string) => spawnSync(process.execPath, ['--import', 'tsx', 'tests/ops/fixtures/unhandled.ts', kind], { encoding: 'utf8', timeout: 15_000 });

describe('process guards', () => {
  it.each([
    ['throw', /uncaught exception: Error: thrown in a timer/],
    ['reject', /unhandled promise rejection: Error: rejected and never awaited/],
  ])('%s: logs the error as a JSON line and exits 1 at once', (kind, message) => {
    const started = Date.now();
    const r = run(kind);
    expect(r.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(8_000);
    const line = r.stderr.split('\n').find((l) => message.test(l));
    expect(line, r.stderr).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 50 });
  });
});
