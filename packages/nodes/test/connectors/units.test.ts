import { describe, expect, it } from 'vitest';
import { generatePassword, parseExpectedStatus } from '../../src/connectors/index.js';
import { columnLetter, quoteSheet, rowOfRange } from '../../src/connectors/sheets/table.js';
import { TokenCache } from '../../src/credentials/index.js';
import { backoffDelay, serverRequestedDelay } from '../../src/http/index.js';

describe('backoffDelay', () => {
  it.each([
    { retry: 1, random: 0.5, expected: 50 },
    { retry: 3, random: 0.5, expected: 200 },
    { retry: 10, random: 0.999, expected: 999 },
    { retry: 2, random: 0, expected: 0 },
  ])('retry $retry with random $random waits $expected ms', ({ retry, random, expected }) => {
    expect(backoffDelay(retry, 100, 1_000, () => random)).toBe(expected);
  });
});

describe('serverRequestedDelay', () => {
  const now = Date.parse('2026-12-04T20:00:00Z');
  const response = (headers: Record<string, string>) => ({ status: 429, headers, body: null });

  it.each([
    { name: 'delta seconds', headers: { 'retry-after': '3' }, expected: 3_000 },
    {
      name: 'HTTP date',
      headers: { 'retry-after': 'Fri, 04 Dec 2026 20:00:05 GMT' },
      expected: 5_000,
    },
    {
      name: 'past HTTP date',
      headers: { 'retry-after': 'Fri, 04 Dec 2026 19:00:00 GMT' },
      expected: 0,
    },
    {
      name: 'GitHub reset',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 7) },
      expected: 7_000,
    },
    {
      name: 'reset with quota left',
      headers: { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': String(now / 1000 + 7) },
      expected: undefined,
    },
    { name: 'unparsable Retry-After', headers: { 'retry-after': 'soon' }, expected: undefined },
  ] as { name: string; headers: Record<string, string>; expected: number | undefined }[])(
    'reads $name',
    ({ headers, expected }) => {
      expect(serverRequestedDelay(response(headers), now)).toBe(expected);
    },
  );
});

describe('parseExpectedStatus', () => {
  it.each([
    { list: '2xx', status: 204, expected: true },
    { list: '2xx', status: 404, expected: false },
    { list: '200, 404', status: 404, expected: true },
    { list: '2xx,3xx', status: 302, expected: true },
  ])('$list accepts $status: $expected', ({ list, status, expected }) => {
    expect(parseExpectedStatus(list)?.(status)).toBe(expected);
  });

  it.each(['', 'ok', '6xx', '20', '2xx;404'])('rejects "%s"', (list) => {
    expect(parseExpectedStatus(list)).toBeUndefined();
  });
});

describe('A1 helpers', () => {
  it.each([
    { index: 0, letters: 'A' },
    { index: 25, letters: 'Z' },
    { index: 26, letters: 'AA' },
    { index: 701, letters: 'ZZ' },
    { index: 702, letters: 'AAA' },
  ])('column $index is $letters', ({ index, letters }) => {
    expect(columnLetter(index)).toBe(letters);
  });

  it('quotes a tab name with a quote', () => {
    expect(quoteSheet("Ada's team")).toBe("'Ada''s team'");
  });

  it.each([
    { range: "'Staff list'!A5:C5", row: 5 },
    { range: 'Sheet1!B12:D12', row: 12 },
    { range: undefined, row: undefined },
  ])('row of $range is $row', ({ range, row }) => {
    expect(rowOfRange(range)).toBe(row);
  });
});

describe('generatePassword', () => {
  it('mixes every character class', () => {
    const password = generatePassword();

    expect(password).toHaveLength(24);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[0-9]/);
    expect(password).toMatch(/[^a-zA-Z0-9]/);
    expect(password).toMatch(/^[\x21-\x7e]+$/);
  });

  it('differs between calls', () => {
    expect(generatePassword()).not.toBe(generatePassword());
  });
});

describe('TokenCache', () => {
  function fixture() {
    let now = 0;
    let fetches = 0;
    const cache = new TokenCache(60_000, () => now);
    const fetchToken = async () => {
      fetches += 1;
      return { token: `token-${fetches}`, expiresAt: now + 3_600_000 };
    };
    return { cache, fetchToken, advance: (ms: number) => (now += ms), fetches: () => fetches };
  }

  it('returns the cached token before the margin', async () => {
    const { cache, fetchToken, advance, fetches } = fixture();

    await cache.get('key', fetchToken);
    advance(3_600_000 - 60_001);
    const token = await cache.get('key', fetchToken);

    expect(token).toBe('token-1');
    expect(fetches()).toBe(1);
  });

  it('fetches a new token inside the margin', async () => {
    const { cache, fetchToken, advance } = fixture();

    await cache.get('key', fetchToken);
    advance(3_600_000 - 59_000);
    const token = await cache.get('key', fetchToken);

    expect(token).toBe('token-2');
  });

  it('shares one fetch between concurrent callers', async () => {
    const { cache, fetchToken, fetches } = fixture();

    const tokens = await Promise.all([cache.get('key', fetchToken), cache.get('key', fetchToken)]);

    expect(tokens).toEqual(['token-1', 'token-1']);
    expect(fetches()).toBe(1);
  });

  it('does not cache a failed fetch', async () => {
    const { cache, fetchToken } = fixture();

    await expect(
      cache.get('key', () => Promise.reject(new Error('token endpoint down'))),
    ).rejects.toThrow('token endpoint down');
    const token = await cache.get('key', fetchToken);

    expect(token).toBe('token-1');
  });
});
