import { describe, expect, it } from 'vitest';
import { HostAllowlist } from '../../src/http/host-allowlist.js';

describe('HostAllowlist.allows', () => {
  const cases: { entries: string; url: string; allowed: boolean }[] = [
    { entries: 'api.github.com', url: 'https://api.github.com/orgs/acme', allowed: true },
    { entries: 'api.github.com', url: 'https://API.GitHub.com/orgs', allowed: true },
    { entries: 'API.GITHUB.COM', url: 'https://api.github.com/orgs', allowed: true },
    { entries: 'api.github.com', url: 'https://github.com/', allowed: false },
    { entries: 'api.github.com', url: 'https://api.github.com.example.org/', allowed: false },
    { entries: '*.googleapis.com', url: 'https://sheets.googleapis.com/v4', allowed: true },
    { entries: '*.googleapis.com', url: 'https://a.b.googleapis.com/', allowed: true },
    { entries: '*.googleapis.com', url: 'https://googleapis.com/', allowed: false },
    { entries: '*.googleapis.com', url: 'https://evilgoogleapis.com/', allowed: false },
    { entries: '127.0.0.1:4010', url: 'http://127.0.0.1:4010/orgs', allowed: true },
    { entries: '127.0.0.1:4010', url: 'http://127.0.0.1:4011/orgs', allowed: false },
    { entries: 'localhost:80', url: 'http://localhost/', allowed: true },
    { entries: 'localhost:443', url: 'https://localhost/', allowed: true },
    { entries: 'localhost:443', url: 'http://localhost/', allowed: false },
    { entries: 'localhost', url: 'http://127.0.0.1/', allowed: false },
    { entries: '[::1]:8080', url: 'http://[::1]:8080/', allowed: true },
    { entries: 'localhost, 127.0.0.1:4010', url: 'http://127.0.0.1:4010/', allowed: true },
    { entries: 'localhost\n127.0.0.1', url: 'http://127.0.0.1:9/', allowed: true },
  ];

  it.each(cases)('$entries for $url: $allowed', ({ entries, url, allowed }) => {
    expect(HostAllowlist.parse(entries).allows(new URL(url))).toBe(allowed);
  });
});

describe('HostAllowlist.parse', () => {
  it.each([
    'https://api.github.com',
    'api.github.com/orgs',
    'user@api.github.com',
    'api.github.com:0',
    'api.github.com:70000',
    '*',
    '*.',
    'api.github.com:',
    '*.*.example.org',
  ])('rejects "%s"', (entry) => {
    expect(() => HostAllowlist.parse(entry)).toThrow(/Invalid host allowlist entry/);
  });

  it('rejects an empty list', () => {
    expect(() => HostAllowlist.parse(' , ')).toThrow(/empty/);
  });

  it('keeps the entries for messages', () => {
    expect(HostAllowlist.parse('a.example.org, *.example.net').entries).toEqual([
      'a.example.org',
      '*.example.net',
    ]);
  });
});
