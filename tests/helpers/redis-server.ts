/**
 * A real redis-server for tests, on a free 127.0.0.1 port, without persistence; stopped (and
 * started again on the same port) at will. Missing redis-server is an error, not a skip: the Redis
 * tests are part of `npm test`, and .ci/run installs it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.ts';

export const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';

export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server on a free port; throws a clear error when it is not installed. */
  static async start(): Promise<RedisServer> {
    const found = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
    if (found.error || found.status !== 0) {
      throw new Error(`redis-server is not installed (${found.error?.message ?? found.stderr}): the Redis tests need a real one. Install it with \`apt-get install -y redis-server\` (.ci/run does), or set REDIS_SERVER_BIN.`);
    }
    for (let attempt = 0; ; attempt++) {
      const server = new RedisServer(await freePort());
      try {
        await server.resume();
        return server;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  }

  /** Starts (again) on the same port. */
  async resume(): Promise<void> {
    const child = spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${this.port}:\n${out}`)), 10_000);
      const onData = (d: Buffer) => {
        out += d;
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}) on port ${this.port}:\n${out}`));
      });
    });
  }

  /** Stops the server (as an outage would: connections drop) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

