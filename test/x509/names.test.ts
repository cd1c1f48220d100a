// Known-answer tables for the name rules, written from the RFCs: IP text (RFC 4291, RFC
// 5952, RFC 3986), DNS syntax and host matching (RFC 1034/1123, RFC 6125 §6.4.3) and
// name-constraint subtrees (RFC 5280 §4.2.1.10).
import { describe, expect, it } from 'vitest';
import { dnsMatches, isDnsName, isEmail, normalizeHostname } from '../../src/x509/dns.js';
import { formatIp, parseIp, prefixLength } from '../../src/x509/ip.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('IP addresses', () => {
  it('parses strictly', () => {
    expect(parseIp('192.0.2.1')).toEqual(bytes(192, 0, 2, 1));
    expect(parseIp('0.0.0.0')).toEqual(bytes(0, 0, 0, 0));
    for (const bad of [
      '192.0.2',
      '192.0.2.1.5',
      '192.0.2.256',
      '192.0.02.1',
      '0x7f.0.0.1',
      '1e2.0.0.1',
      '',
      ' 1.2.3.4',
    ]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
    expect(parseIp('::1')).toEqual(bytes(...new Array(15).fill(0), 1));
    expect(parseIp('[::1]')).toEqual(parseIp('::1'));
    expect(parseIp('2001:DB8::8a2e:370:7334')).toEqual(
      bytes(0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0x8a, 0x2e, 3, 0x70, 0x73, 0x34),
    );
    expect(parseIp('::ffff:192.0.2.1')).toEqual(
      bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1),
    );
    for (const bad of [
      '1::2::3',
      '12345::',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '::1%eth0',
      ':::',
      'g::1',
      '1:2:3:4:5:6:7::8:9',
    ]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it('formats IPv6 per RFC 5952 §4', () => {
    const cases: [string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['1:0:0:0:0:0:0:0', '1::'],
    ];
    for (const [input, want] of cases) expect(formatIp(parseIp(input)!), input).toBe(want);
  });

  it('reads netmask prefixes and refuses non-contiguous masks', () => {
    expect(prefixLength(bytes(255, 255, 255, 0))).toBe(24);
    expect(prefixLength(bytes(255, 255, 254, 0))).toBe(23);
    expect(prefixLength(bytes(0, 0, 0, 0))).toBe(0);
    expect(prefixLength(bytes(255, 0, 255, 0))).toBe(-1);
    expect(prefixLength(bytes(255, 255, 0x0f, 0))).toBe(-1);
  });
});

describe('DNS names', () => {
  it('checks preferred name syntax, wildcards only as the whole left-most label', () => {
    for (const ok of [
      'example.com',
      'a-b.example',
      '1.example',
      'xn--bcher-kva.example',
      'localhost',
    ]) {
      expect(isDnsName(ok, false), ok).toBe(true);
    }
    for (const bad of [
      '',
      '.example.com',
      'example.com.',
      '-a.example',
      'a-.example',
      'a_b.example',
      'a..b',
      `${'a'.repeat(64)}.example`,
      '*.example.com',
    ]) {
      expect(isDnsName(bad, false), bad).toBe(false);
    }
    expect(isDnsName('*.example.com', true)).toBe(true);
    for (const bad of [
      '*',
      '*.com',
      'ba*.example.com',
      'foo.*.example.com',
      '*.*.example.com',
      'xn--*-1b3c148a.example.com',
    ]) {
      expect(isDnsName(bad, true), bad).toBe(false);
    }
  });

  it('matches SAN patterns to host names (RFC 6125 §6.4)', () => {
    const table: [string, string, boolean][] = [
      ['example.com', 'example.com', true],
      ['Example.COM', 'example.com', true],
      ['example.com', 'www.example.com', false],
      ['*.example.com', 'www.example.com', true],
      ['*.example.com', 'example.com', false],
      ['*.example.com', 'a.b.example.com', false],
      ['*.example.com', 'wwwexample.com', false],
    ];
    for (const [pattern, host, want] of table)
      expect(dnsMatches(pattern, host), `${pattern} ~ ${host}`).toBe(want);
  });

  it('normalizes reference host names to lowercase A-labels', () => {
    expect(normalizeHostname('WWW.Example.COM.')).toBe('www.example.com');
    expect(normalizeHostname('bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalizeHostname('☃.example')).toBe('xn--n3h.example');
    expect(normalizeHostname('a_b.example')).toBeUndefined();
    expect(normalizeHostname('exa mple.com')).toBeUndefined();
  });

  it('checks mailboxes', () => {
    expect(isEmail('user@example.com')).toBe(true);
    expect(isEmail('*@example.com')).toBe(true);
    expect(isEmail('first.last+tag@example.com')).toBe(true);
    for (const bad of [
      'example.com',
      '@example.com',
      'a@b@example.com',
      'a@',
      'a b@example.com',
      'a@.example.com',
      '.a@example.com',
    ]) {
      expect(isEmail(bad), bad).toBe(false);
    }
  });
});
