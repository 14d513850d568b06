/**
 * One health endpoint for a sharded bot: the sharding manager serves /healthz, /readyz and /metrics
 * (HEALTH_PORT) for all its shard processes, which never open a port of their own (each one
 * binding HEALTH_PORT made every shard after the first crash-loop on "address in use"). The manager
 * asks each shard over the IPC channel it already has; a shard answers with its readiness and its
 * metrics, which the manager adds up (prom-client's AggregatorRegistry).
 */
import { AggregatorRegistry, Counter, Gauge, Registry } from 'prom-client';
import type { StatusSource } from './health-http.ts';
import type { Metrics } from './metrics.ts';

const REQUEST = 'qa-bot:status?';
const REPLY = 'qa-bot:status';

interface StatusReply {
  type: typeof REPLY;
  id: number;
  pid: number;
  readiness: { ready: boolean } & Record<string, unknown>;
  /** registry.getMetricsAsJSON() of the shard. */
  metrics: object[];
}

/** In a shard process: answers the manager's status requests (`send`: process.send). */
export function answerStatusRequests(readiness: () => { ready: boolean } & object, metrics: Metrics, send: (message: unknown) => void, on: (listener: (message: unknown) => void) => void): void {
  on((message) => {
    const m = message as { type?: unknown; id?: unknown } | null;
    if (m?.type !== REQUEST || typeof m.id !== 'number') return;
    const id = m.id;
    void metrics.registry.getMetricsAsJSON().then(
      (json) => send({ type: REPLY, id, pid: process.pid, readiness: readiness(), metrics: json } satisfies StatusReply),
      () => send({ type: REPLY, id, pid: process.pid, readiness: readiness(), metrics: [] } satisfies StatusReply),
    );
  });
}

/** What the manager needs of a shard (discord.js's Shard fits). */
export interface ShardHandle {
  id: number;
  /** Undefined or null while the process is down. */
  process?: { pid?: number | undefined } | null;
  send(message: unknown): Promise<unknown>;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

export type ShardState = 'starting' | 'ready' | 'disconnected' | 'down';

export interface ShardReport {
  id: number;
  /** From the manager's events: spawned, ready, disconnected, or its process down (respawning). */
  state: ShardState;
  ready: boolean;
  pid?: number;
  /** The shard's own /readyz, when it answered in time. */
  status?: Record<string, unknown>;
  /** It did not answer within the time allowed. */
  unresponsive?: true;
  restarts: number;
}

/** The manager's view of its shards, as a status source for the health server. */
export class ShardsStatus implements StatusSource {
  private readonly states = new Map<number, { state: ShardState; restarts: number }>();
  private readonly started = Date.now();
  private nextId = 0;
  private readonly own = new Registry();
  private readonly restarts: Counter;

  constructor(
    private readonly shards: () => Iterable<ShardHandle>,
    private readonly totalShards: number,
    private readonly timeoutMs = 1500,
  ) {
    const registers = [this.own];
    new Gauge({ name: 'bot_shards', help: 'Shards this manager runs.', registers }).set(totalShards);
    const self = this;
    new Gauge({
      name: 'bot_shards_ready',
      help: 'Shards whose gateway connection is ready (from the manager).',
      registers,
      collect() {
        this.set([...self.states.values()].filter((s) => s.state === 'ready').length);
      },
    });
    this.restarts = new Counter({ name: 'bot_shard_restarts_total', help: 'Shard processes that exited and were spawned again.', registers });
  }

  /** Called from the manager's shard events. */
  set(id: number, state: ShardState): void {
    const s = this.states.get(id) ?? { state, restarts: 0 };
    if (state === 'down') {
      s.restarts++;
      this.restarts.inc();
    }
    s.state = state;
    this.states.set(id, s);
  }

  liveness(): object {
    return { status: 'ok', uptimeSec: Math.round((Date.now() - this.started) / 1000), shards: this.totalShards };
  }

  async readiness(): Promise<{ ready: boolean; shards: ShardReport[] }> {
    const replies = await this.ask();
    const reports: ShardReport[] = [];
    for (let id = 0; id < this.totalShards; id++) {
      const s = this.states.get(id) ?? { state: 'starting' as const, restarts: 0 };
      const reply = replies.get(id);
      const ready = s.state === 'ready' && reply?.readiness.ready === true;
      reports.push({
        id,
        state: s.state,
        ready,
        ...(reply ? { pid: reply.pid, status: reply.readiness } : s.state !== 'down' ? { unresponsive: true as const } : {}),
        restarts: s.restarts,
      });
    }
    return { ready: reports.every((r) => r.ready), shards: reports };
  }

  async metrics(): Promise<{ contentType: string; text: string }> {
    const replies = await this.ask();
    const parts = [...replies.values()].map((r) => r.metrics).filter((m) => m.length > 0);
    const registry = Registry.merge([AggregatorRegistry.aggregate(parts), this.own]);
    return { contentType: registry.contentType, text: await registry.metrics() };
  }

  /** Asks every live shard at once; those that do not answer in time are left out. */
  private async ask(): Promise<Map<number, StatusReply>> {
    const replies = new Map<number, StatusReply>();
    await Promise.all(
      [...this.shards()].filter((shard) => shard.process).map((shard) => this.askOne(shard).then((r) => r && replies.set(shard.id, r))),
    );
    return replies;
  }

  private askOne(shard: ShardHandle): Promise<StatusReply | undefined> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const done = (reply: StatusReply | undefined) => {
        clearTimeout(timer);
        shard.off('message', listener);
        resolve(reply);
      };
      const listener = (message: unknown) => {
        const m = message as Partial<StatusReply> | null;
        if (m?.type === REPLY && m.id === id) done(m as StatusReply);
      };
      const timer = setTimeout(() => done(undefined), this.timeoutMs);
      shard.on('message', listener);
      shard.send({ type: REQUEST, id }).catch(() => done(undefined));
    });
  }
}
