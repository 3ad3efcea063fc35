import { describe, expect, it } from 'vitest';
import { decideActionArguments, decideActionOrigin, isDecodablePath, MAX_ACTION_NESTING } from './decide-malformed-request';

type Part = { kind: 'text'; text: string } | { kind: 'file' };
/** A multipart body's parts by id, as proxy.ts reads them. */
const parts = (entries: Record<number, Part>) => (id: number) => entries[id];
const text = (value: unknown): Part => ({ kind: 'text', text: JSON.stringify(value) });

describe('isDecodablePath', () => {
  it.each(['/', '/life-sciences/budget-vote', '/tags/%F0%9F%98%80', '/a%00b', '/%25ZZ', '/x%2Fy'])('passes %s', (path) => expect(isDecodablePath(path)).toBe(true));
  it.each(['/%ZZ', '/x/%E0%A4%A', '/%C0%AE%C0%AE%2F', '/%ED%A0%80', '/%'])('refuses %s', (path) => expect(isDecodablePath(path)).toBe(false));
});

describe('decideActionOrigin', () => {
  it('passes the same host, and no Origin at all (as Next does)', () => {
    expect(decideActionOrigin({ origin: 'http://127.0.0.1:3000', forwardedHost: null, host: '127.0.0.1:3000' })).toBeNull();
    expect(decideActionOrigin({ origin: 'https://news.example', forwardedHost: 'news.example, proxy.internal', host: 'app:3000' })).toBeNull();
    expect(decideActionOrigin({ origin: null, forwardedHost: null, host: 'x' })).toBeNull();
  });
  it.each([
    ['a foreign site', 'https://evil.example'],
    ['an opaque origin', 'null'],
    ['an Origin that is not a URL', 'not a url'],
  ])('refuses %s with 403', (_what, origin) => {
    expect(decideActionOrigin({ origin, forwardedHost: null, host: '127.0.0.1:3000' })).toMatchObject({ status: 403 });
  });
});

describe('decideActionArguments', () => {
  it.each([
    ['no arguments', '[]'],
    ['plain values', JSON.stringify([{ articleId: 'c1', baseVersion: 3, content: { headline: '$$1 headline' } }, null, 'x'])],
    ['inline forms', JSON.stringify(['$undefined', '$NaN', '$Infinity', '$-Infinity', '$-0', '$D2026-01-01T00:00:00.000Z', '$n12', '$T', '$K1'])],
    ['a reference to the root', JSON.stringify([{ a: 1 }, '$0:0'])],
    ['wide arrays inside objects', JSON.stringify([{ a: 'x'.repeat(1_200_000) }])],
  ])('passes a text body with %s', (_what, root) => {
    expect(decideActionArguments({ root })).toBeNull();
  });

  it.each([
    ['nothing', ''],
    ['text that is not JSON', 'hello'],
    ['truncated JSON', '[{"articleId":'],
    ['JSON that is not a list of arguments', '{"a":1}'],
    ['deep nesting', '['.repeat(MAX_ACTION_NESTING + 1) + ']'.repeat(MAX_ACTION_NESTING + 1)],
    ['a reference to a part', JSON.stringify(['$1'])],
    ['React references without their parts', JSON.stringify(['$K1', '$Q2', '$@3', '$B4', '$T', '$h', '$F1'])],
    ['a bare $', JSON.stringify(['$'])],
    ['a BigInt over 300 digits', JSON.stringify([`$n${'1'.repeat(301)}`])],
    ['a BigInt that is not a number', JSON.stringify(['$nabc'])],
    ['an array tree over React’s slot limit', JSON.stringify(['x'.repeat(999_000), 'y'.repeat(2_000)])],
  ])('refuses a text body with %s', (_what, root) => {
    expect(decideActionArguments({ root })).toMatchObject({ status: 400 });
  });

  it('passes multipart bodies whose references all name the right kind of part', () => {
    expect(decideActionArguments({ root: JSON.stringify([{ error: 'x' }, '$K1']) })).toBeNull();
    expect(decideActionArguments({ root: JSON.stringify(['$Q1', '$B2', '$A3', '$@4']), part: parts({ 1: text([['a', 1]]), 2: { kind: 'file' }, 3: { kind: 'file' }, 4: text({ x: 1 }) }) })).toBeNull();
  });

  it.each([
    ['a missing part', JSON.stringify(['$1']), {}],
    ['a part that is not JSON', JSON.stringify(['$1']), { 1: { kind: 'text', text: '{x' } }],
    ['a Blob reference to a text part', JSON.stringify(['$B1']), { 1: { kind: 'text', text: 'abc' } }],
    ['an object reference to a file', JSON.stringify(['$1']), { 1: { kind: 'file' } }],
    ['a missing part two references away', JSON.stringify(['$1']), { 1: text(['$2']) }],
  ] as [string, string, Record<number, Part>][])('refuses a multipart body with %s', (_what, root, entries) => {
    expect(decideActionArguments({ root, part: parts(entries) })).toMatchObject({ status: 400 });
  });

  it('checks each referenced part once, so parts referring to each other end', () => {
    expect(decideActionArguments({ root: JSON.stringify(['$1']), part: parts({ 1: text(['$2']), 2: text(['$1']) }) })).toBeNull();
  });
});
