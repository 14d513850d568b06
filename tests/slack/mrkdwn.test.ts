/** Incoming Slack text to a plain question, escaping, button values and the de-duplication cache. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SeenCache } from '../../runtime/dedupe.ts';
import { escapeMrkdwn, fitEscaped, link, neutralise, slackToPlain } from '../../adapters/slack/mrkdwn.ts';
import { FeedbackValue, ShareValue, decodeValue, encodeValue } from '../../adapters/slack/values.ts';

describe('slackToPlain', () => {
  it('removes the bot mention and every other mention from the question', () => {
    expect(slackToPlain('<@UBOT> GPU 몇 장 지원돼?')).toBe('GPU 몇 장 지원돼?');
    expect(slackToPlain('<@UBOT|sovereign-bot>   GPU  <@UBOT>')).toBe('GPU');
    expect(slackToPlain('<!channel> <!here|here> <!everyone> <@U123|kim> <!subteam^S1|@devs> @here @channel GPU?')).toBe('GPU?');
  });

  it('keeps channel names, link labels and dates as text, and decodes entities', () => {
    expect(slackToPlain('see <#C123|general> and <https://example.org/a?b=1&amp;c=2|the page>')).toBe('see #general and the page');
    expect(slackToPlain('<https://example.org>')).toBe('https://example.org');
    expect(slackToPlain('<!date^1392734382^{date}|Feb 18, 2014> 일정')).toBe('Feb 18, 2014 일정');
    expect(slackToPlain('A &amp; B &lt;b&gt; &amp;lt;')).toBe('A & B <b> &lt;');
    expect(slackToPlain('')).toBe('');
  });

  test.prop([fc.string({ maxLength: 300 })])('never throws, and what is echoed back never holds a live mention', (s) => {
    const plain = slackToPlain(s);
    expect(escapeMrkdwn(plain)).not.toMatch(/<[@!#]/);
  });

  it('drops a dangling mention opener', () => {
    expect(slackToPlain('<!')).toBe('');
    expect(slackToPlain('hi <@U1')).toBe('hi U1');
  });
});

describe('escaping', () => {
  it('escapes &, < and > and neutralises bare mass mentions', () => {
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(neutralise('@here @Channel @everyone @hereafter')).toBe('@\u200bhere @\u200bChannel @\u200beveryone @hereafter');
  });

  it('links only http(s) addresses and keeps labels from ending the link', () => {
    expect(link('https://a.example/x?y=1&z=<2>|3', 'A|B > C')).toBe('<https://a.example/x?y=1&amp;z=%3C2%3E%7C3|A¦B &gt; C>');
    expect(link('javascript:alert(1)', 'x')).toBe('x');
    expect(link(undefined, '<b>')).toBe('&lt;b&gt;');
  });

  test.prop([fc.string({ unit: fc.constantFrom('&', '<', 'a', '가', '😀', '@', 'h', 'e', 'r'), maxLength: 400 }), fc.integer({ min: 10, max: 300 })])(
    'fitEscaped fits the limit and never cuts an entity or a surrogate pair',
    (raw, limit) => {
      const out = fitEscaped(raw, limit, neutralise);
      expect(out.length).toBeLessThanOrEqual(Math.max(limit, 1));
      expect(out).not.toMatch(/&(a|am|amp|l|lt|g|gt)?(?![a-z]*;)…?$/);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      if (escapeMrkdwn(raw).length <= limit) expect(out).toBe(neutralise(raw));
    },
  );
});

describe('button values', () => {
  it('cut the question so the value fits Slack’s 2,000 characters, and decode back', () => {
    const q = '"\\'.repeat(600) + '가'.repeat(500);
    const v = encodeValue({ f: 'gpu-b200-allocation', l: 'ko', c: 'channel', q });
    expect(v.length).toBeLessThanOrEqual(2000);
    const back = decodeValue(FeedbackValue, v)!;
    expect(q.startsWith(back.q)).toBe(true);
    expect(back.q.length).toBeGreaterThan(500);
    expect(decodeValue(ShareValue, encodeValue({ k: 'fact', q: 'gpu' }))).toEqual({ k: 'fact', q: 'gpu' });
  });

  it('reject anything malformed', () => {
    expect(decodeValue(FeedbackValue, 'not json')).toBeUndefined();
    expect(decodeValue(FeedbackValue, '{"f":"x","l":"fr","c":"dm","q":""}')).toBeUndefined();
    expect(decodeValue(ShareValue, '{"k":"rm -rf","q":""}')).toBeUndefined();
    expect(decodeValue(ShareValue, undefined)).toBeUndefined();
    expect(decodeValue(ShareValue, `{"k":"ask","q":"${'a'.repeat(2100)}"}`)).toBeUndefined();
  });
});

describe('SeenCache', () => {
  it('reports a key seen within the TTL, forgets it after, and stays bounded', () => {
    let now = 0;
    const c = new SeenCache({ ttlMs: 1000, max: 3, now: () => now });
    expect(c.check(['event:1', 'msg:C:1'])).toBe(false);
    expect(c.check(['event:2', 'msg:C:1'])).toBe(true); // same message, other event id
    expect(c.check(['event:1'])).toBe(true);
    expect(c.check([undefined, ''])).toBe(false);
    now = 1001;
    expect(c.check(['event:1'])).toBe(false); // expired
    for (let i = 0; i < 10; i++) c.check([`k${i}`]);
    expect(c.size).toBeLessThanOrEqual(3);
    expect(c.check(['k9'])).toBe(true);
    expect(c.check(['k0'])).toBe(false); // evicted, oldest first
  });
});
