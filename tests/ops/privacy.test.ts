import { describe, expect, it } from 'vitest';
import { redactUserIds, userHash } from '../../runtime/privacy.ts';

const KEY = 'k'.repeat(32);
const slack = (id: string) => `@user:${userHash(KEY, 'slack', id)}`;
const discord = (id: string) => `@user:${userHash(KEY, 'discord', id)}`;

describe('redactUserIds', () => {
  it.each([
    ['<@U0ABC1234> 물어봐요', `${slack('U0ABC1234')} 물어봐요`],
    ['<@W0ABC1234|kim> and U0XYZ98765', `${slack('W0ABC1234')} and ${slack('U0XYZ98765')}`],
    ['<@149011223344556677> <@!149011223344556677> <@&149011223344556678>', `${discord('149011223344556677')} ${discord('149011223344556677')} ${discord('149011223344556678')}`],
    ['id 149011223344556677 please', `id ${discord('149011223344556677')} please`],
    ['GPU 256장, 260,000원, 2026-09-09, UNAUTHORIZED, USB3', 'GPU 256장, 260,000원, 2026-09-09, UNAUTHORIZED, USB3'],
  ])('%s', (text, expected) => {
    expect(redactUserIds(text, KEY)).toBe(expected);
  });

  it('leaves bare snowflakes (channel and message ids) in logs', () => {
    expect(redactUserIds('channel 149011223344556677, <@149011223344556677>', KEY, { bareSnowflakes: false })).toBe(`channel 149011223344556677, ${discord('149011223344556677')}`);
  });
});
