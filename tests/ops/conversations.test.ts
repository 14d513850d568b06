/**
 * The conversations' last turns in memory (runtime/conversations.ts): kept per conversation for the
 * follow-up time (an injected clock), the least recently used forgotten beyond the maximum, only the
 * turn and the asker's keyed hash stored, and anything malformed read back as absent.
 */
import { describe, expect, it } from 'vitest';
import { ConversationCache, Conversations, parseEntry, type ConversationEntry, type ConversationStore } from '../../runtime/conversations.ts';
import { userHash } from '../../runtime/privacy.ts';
import type { Turn } from '../../src/types.ts';

const KEY = 'a-test-key-of-enough-length';
const turn = (factId: string): Turn => ({ lang: 'ko', units: [{ tokens: ['루닛'], alias: true, entity: true }, { tokens: ['gpu'], alias: true }], intents: ['count'], counted: { field: 'ko', pattern: '\\d+\\s*장' }, factIds: [factId] });

/** A clock a test moves by hand. */
function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** A store that keeps what it is given where the test can read it. */
function visibleStore(): ConversationStore & { entries: Map<string, ConversationEntry> } {
  const entries = new Map<string, ConversationEntry>();
  return { entries, get: (k) => entries.get(k), set: (k, e) => void entries.set(k, e) };
}

describe('Conversations', () => {
  it('keeps the last turn per conversation, and the asker', async () => {
    const c = new Conversations({ store: new ConversationCache(), hashKey: KEY, ttlMs: 60_000 });
    await c.keep('slack:C1:1.0', turn('a'), 'slack', 'U1');
    await c.keep('slack:C1:2.0', turn('b'), 'slack', 'U2');
    await c.keep('slack:C1:1.0', turn('c'), 'slack', 'U1');
    expect((await c.last('slack:C1:1.0'))?.turn.factIds).toEqual(['c']);
    expect((await c.last('slack:C1:2.0'))?.turn.factIds).toEqual(['b']);
    expect(await c.last('slack:C1:3.0')).toBeUndefined();
    expect(await c.askedBy('slack:C1:1.0', 'slack', 'U1')).toBe(true);
    expect(await c.askedBy('slack:C1:1.0', 'slack', 'U2')).toBe(false);
    expect(await c.askedBy('slack:C1:1.0', 'discord', 'U1')).toBe(false); // another platform's user
    expect(await c.askedBy('slack:C1:1.0', 'slack', undefined)).toBe(false);
  });

  it('forgets a turn once the follow-up time has passed since the answer', async () => {
    const t = clock();
    const c = new Conversations({ store: new ConversationCache(), hashKey: KEY, ttlMs: 10 * 60_000, now: t.now });
    await c.keep('discord:dm:1', turn('a'), 'discord', '42');
    t.advance(10 * 60_000 - 1);
    expect(await c.askedBy('discord:dm:1', 'discord', '42')).toBe(true);
    t.advance(1);
    expect(await c.last('discord:dm:1')).toBeUndefined();
    expect(await c.askedBy('discord:dm:1', 'discord', '42')).toBe(false);
    // A new answer starts the time again.
    await c.keep('discord:dm:1', turn('b'), 'discord', '42');
    t.advance(9 * 60_000);
    expect((await c.last('discord:dm:1'))?.turn.factIds).toEqual(['b']);
  });

  it('keeps nothing with a follow-up time of 0', async () => {
    const store = visibleStore();
    const c = new Conversations({ store, hashKey: KEY, ttlMs: 0 });
    await c.keep('slack:D1', turn('a'), 'slack', 'U1');
    expect(store.entries.size).toBe(0);
    expect(await c.last('slack:D1')).toBeUndefined();
  });

  it('stores only hashes and the turn: no conversation name, no user id, no text', async () => {
    const store = visibleStore();
    const c = new Conversations({ store, hashKey: KEY, ttlMs: 60_000 });
    await c.keep('slack:D0PRIVATE1', turn('gpu-b200-allocation'), 'slack', 'U0ASKER4242');
    const [key, entry] = [...store.entries][0]!;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(entry!.asker).toBe(userHash(KEY, 'slack', 'U0ASKER4242'));
    expect(Object.keys(entry!).sort()).toEqual(['asker', 'turn', 'until']);
    const stored = JSON.stringify([...store.entries]);
    for (const raw of ['D0PRIVATE1', 'U0ASKER4242']) expect(stored).not.toContain(raw);
    // Another key names the same conversation otherwise.
    const other = visibleStore();
    await new Conversations({ store: other, hashKey: 'another-key-of-enough-length', ttlMs: 60_000 }).keep('slack:D0PRIVATE1', turn('x'), 'slack', 'U0ASKER4242');
    expect([...other.entries.keys()][0]).not.toBe(key);
  });
});

describe('ConversationCache', () => {
  it('forgets the least recently used beyond its maximum', () => {
    const cache = new ConversationCache(3);
    const entry = (id: string): ConversationEntry => ({ turn: turn(id), asker: null, until: Number.MAX_SAFE_INTEGER });
    for (const k of ['a', 'b', 'c']) cache.set(k, entry(k));
    expect(cache.get('a')?.turn.factIds).toEqual(['a']); // a is now the most recently used
    cache.set('d', entry('d'));
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((k) => cache.get(k)?.turn.factIds[0])).toEqual(['a', 'c', 'd']);
  });
});

describe('parseEntry', () => {
  it('reads back what was written', () => {
    const e: ConversationEntry = { turn: turn('a'), asker: 'abc', until: 5 };
    expect(parseEntry(JSON.stringify(e))).toEqual(e);
  });

  it('treats anything malformed as absent, never throws', () => {
    const good = { turn: turn('a'), asker: null, until: 5 };
    for (const text of [null, '', 'not json', '42', '[]', 'null', JSON.stringify({ ...good, until: 'soon' }), JSON.stringify({ ...good, turn: { ...good.turn, lang: 'fr' } }), JSON.stringify({ ...good, turn: { ...good.turn, units: 'x' } }), JSON.stringify({ ...good, turn: { ...good.turn, counted: { field: 'ko', pattern: '(' } } }), JSON.stringify({ ...good, turn: { ...good.turn, factIds: Array(100).fill('x') } })]) {
      expect(parseEntry(text), String(text)).toBeUndefined();
    }
  });
});
