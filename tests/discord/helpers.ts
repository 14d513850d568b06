import { expect } from 'vitest';
import type { Logger } from '../../adapters/discord/context.ts';
import type { RecordedRequest } from './fake-discord.ts';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  extra?: Record<string, unknown>;
}

/** A logger that keeps every line, for assertions (and prints nothing). */
export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, extra?: Record<string, unknown>) => void lines.push({ level, message, extra });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * The message bodies among recorded requests: interaction callbacks that carry a message (type 4
 * reply, 7 update), webhook edits and follow-ups, and channel messages.
 */
export function messageBodies(requests: readonly RecordedRequest[]): { req: RecordedRequest; message: any }[] {
  const out: { req: RecordedRequest; message: any }[] = [];
  for (const req of requests) {
    if (req.method === 'POST' && req.path.endsWith('/callback')) {
      if (req.body?.type === 4 || req.body?.type === 7) out.push({ req, message: req.body.data });
    } else if (/\/webhooks\/\d+\/[^/]+(\/messages\/[^/]+)?$/.test(req.path) && (req.method === 'PATCH' || req.method === 'POST')) {
      out.push({ req, message: req.body });
    } else if (req.method === 'POST' && /\/channels\/\d+\/messages$/.test(req.path)) {
      out.push({ req, message: req.body });
    }
  }
  return out;
}

/** Discord's limits for one message body (raw API JSON). */
export function expectWithinLimits(message: any): void {
  expect((message.content ?? '').length).toBeLessThanOrEqual(2000);
  const embeds: any[] = message.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const e of embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(256);
    expect((e.description ?? '').length).toBeLessThanOrEqual(4096);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(2048);
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
    total += (e.fields ?? []).reduce((n: number, f: any) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  for (const row of message.components ?? []) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const c of row.components) if (c.custom_id) expect(c.custom_id.length).toBeLessThanOrEqual(100);
  }
}

/** Nobody pinged: no parse list entries, no users or roles, and not the replied-to author. */
export function expectNoPings(message: any): void {
  expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
}
