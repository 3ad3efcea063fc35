import { describe, expect, it } from 'vitest';
import {
  decideWebhookUrl,
  EMPTY_ALLOWLIST,
  isAllowlistedAddress,
  isPermittedAddress,
  isPublicAddress,
  normalizeHostName,
  parseAllowlist,
  type TargetRefusal,
} from '@/lib/webhooks/decide-target';

describe('isPublicAddress', () => {
  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '100.63.255.255', // just below CGNAT
    '100.128.0.0', // just above CGNAT
    '172.15.255.255',
    '172.32.0.0',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82a::200e',
    '::ffff:8.8.8.8',
    '[2606:4700:4700::1111]',
  ])('%s is public', (ip) => expect(isPublicAddress(ip)).toBe(true));

  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network (0/8)'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, anywhere in 127/8'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud metadata (AWS, GCP, Azure, DigitalOcean…)'],
    ['169.254.170.2', 'ECS task metadata, link-local'],
    ['168.63.129.16', 'Azure host endpoint'],
    ['100.64.0.1', 'CGNAT'],
    ['100.100.100.200', 'Alibaba metadata, in CGNAT'],
    ['192.0.0.192', 'Oracle Cloud metadata, IETF protocol assignments'],
    ['192.0.2.1', 'TEST-NET-1'],
    ['198.51.100.7', 'TEST-NET-2'],
    ['203.0.113.9', 'TEST-NET-3'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast (SSDP)'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'IPv6 unspecified'],
    ['::1', 'IPv6 loopback'],
    ['[::1]', 'IPv6 loopback in brackets'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:0:7f00:1', 'IPv4-translated (RFC 6145)'],
    ['::7f00:1', 'IPv4-compatible (deprecated), outside 2000::/3'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['2002:7f00:1::', '6to4 of loopback'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['fe80::1', 'link-local'],
    ['fec0::1', 'site-local (deprecated), outside 2000::/3'],
    ['fc00::1', 'unique local'],
    ['fd00::1', 'unique local (fd00::/8)'],
    ['fd00:ec2::254', 'AWS IMDS over IPv6'],
    ['ff02::1', 'multicast'],
    ['100::1', 'discard prefix'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation (RFC 9637)'],
    ['5f00::1', 'SRv6 SIDs, outside 2000::/3'],
  ])('%s is not public (%s)', (ip) => expect(isPublicAddress(ip)).toBe(false));

  it.each([
    '',
    'localhost',
    'example.com',
    '2130706433',
    '0x7f.1',
    '0177.0.0.1',
    '127.1',
    '010.0.0.1',
    '1.2.3.4.5',
    'fe80::1%eth0',
    '2606:4700::1%1',
    '[::1',
    '8.8.8.8 ',
    ' 8.8.8.8',
  ])('%j is not a canonical address, so not public', (text) => expect(isPublicAddress(text)).toBe(false));
});

describe('parseAllowlist', () => {
  it('reads host names, addresses and CIDR ranges separated by commas or spaces', () => {
    const list = parseAllowlist(' 127.0.0.1, 10.0.0.0/8 hooks.internal,Hooks.Example.COM.\n::1 fd00::/8 ');
    expect([...list.hosts].sort()).toEqual(['hooks.example.com', 'hooks.internal']);
    expect(isAllowlistedAddress('127.0.0.1', list)).toBe(true);
    expect(isAllowlistedAddress('127.0.0.2', list)).toBe(false);
    expect(isAllowlistedAddress('10.200.3.4', list)).toBe(true);
    expect(isAllowlistedAddress('11.0.0.1', list)).toBe(false);
    expect(isAllowlistedAddress('::1', list)).toBe(true);
    expect(isAllowlistedAddress('fd12:3456::1', list)).toBe(true);
    expect(isAllowlistedAddress('::ffff:10.1.1.1', list)).toBe(true);
    expect(isAllowlistedAddress('hooks.internal', list)).toBe(false);
  });

  it('is empty when unset or blank', () => {
    for (const env of [undefined, '', ' , ,']) expect(parseAllowlist(env)).toEqual({ hosts: new Set(), ranges: [] });
  });

  it.each([
    '*.example.com',
    'http://hooks.internal',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0.0/8/1',
    '10.0.0.0/x',
    'hooks!.example',
    '10.0.0',
    'hooks.internal/24',
    'a..b',
    '-bad.example',
  ])('refuses %j with the entry named', (entry) => expect(() => parseAllowlist(`127.0.0.1,${entry}`)).toThrow(/WEBHOOK_ALLOWED_HOSTS/));

  it('permits an address that is public or allowlisted, nothing else', () => {
    const list = parseAllowlist('10.0.0.0/8');
    expect(isPermittedAddress('8.8.8.8', list)).toBe(true);
    expect(isPermittedAddress('10.1.2.3', list)).toBe(true);
    expect(isPermittedAddress('192.168.0.1', list)).toBe(false);
    expect(isPermittedAddress('127.0.0.1', EMPTY_ALLOWLIST)).toBe(false);
  });
});

describe('normalizeHostName', () => {
  it('lower-cases and drops one trailing dot', () => {
    expect(normalizeHostName('Hooks.Example.COM.')).toBe('hooks.example.com');
    expect(normalizeHostName('localhost.')).toBe('localhost');
  });
});

describe('decideWebhookUrl', () => {
  const none = { allowlist: EMPTY_ALLOWLIST };

  it.each([
    'https://hooks.example.com/masthead',
    'https://hooks.example.com:8443/x?y=1',
    'https://hooks.example.com:80/',
    'https://HOOKS.Example.com./trailing-dot',
    'https://bücher.example/idn',
    'https://8.8.8.8/',
    'https://[2606:4700:4700::1111]/',
    'https://[::ffff:8.8.8.8]/',
    'https://hooks.example.com/#fragment',
  ])('accepts %s', (url) => expect(decideWebhookUrl(url, none)).toMatchObject({ ok: true, allowlisted: false }));

  it('returns the one parse and the bare host', () => {
    const decision = decideWebhookUrl('https://Hooks.Example.com./a?b', none);
    expect(decision.ok && decision.host).toBe('hooks.example.com');
    expect(decision.ok && decision.url.pathname).toBe('/a');
    const v6 = decideWebhookUrl('https://[2606:4700:4700::1111]:8443/', none);
    expect(v6.ok && v6.host).toBe('2606:4700:4700::1111');
  });

  it.each<[string, TargetRefusal]>([
    ['not a url', 'INVALID'],
    ['//hooks.example.com/', 'INVALID'],
    ['hooks.example.com', 'INVALID'],
    [`https://hooks.example.com/${'a'.repeat(2100)}`, 'TOO_LONG'],
    ['https://exa\nmple.com/', 'INVALID'],
    ['https://example.com/\tpath', 'INVALID'],
    [' https://example.com/', 'INVALID'],
    ['https://good.com\\@127.0.0.1/', 'INVALID'],
    ['ftp://hooks.example.com/', 'SCHEME'],
    ['file:///etc/passwd', 'SCHEME'],
    ['gopher://127.0.0.1:6379/_FLUSHALL', 'SCHEME'],
    ['javascript:alert(1)', 'SCHEME'],
    ['data:text/plain,hi', 'SCHEME'],
    ['https://user:pass@hooks.example.com/', 'CREDENTIALS'],
    ['https://token@hooks.example.com/', 'CREDENTIALS'],
    ['https://good.com@127.0.0.1/', 'CREDENTIALS'],
    ['https://127.0.0.1/', 'PRIVATE_ADDRESS'],
    ['http://127.0.0.1/', 'PRIVATE_ADDRESS'],
    ['https://127.1/', 'PRIVATE_ADDRESS'],
    ['https://2130706433/', 'PRIVATE_ADDRESS'],
    ['http://2130706433/', 'PRIVATE_ADDRESS'],
    ['https://0x7f.1/', 'PRIVATE_ADDRESS'],
    ['http://0x7f.1/', 'PRIVATE_ADDRESS'],
    ['https://0177.0.0.1/', 'PRIVATE_ADDRESS'],
    ['https://0x7f000001/', 'PRIVATE_ADDRESS'],
    ['https://017700000001/', 'PRIVATE_ADDRESS'],
    ['https://0/', 'PRIVATE_ADDRESS'],
    ['https://0.0.0.0/', 'PRIVATE_ADDRESS'],
    ['https://[::]/', 'PRIVATE_ADDRESS'],
    ['https://[::1]/', 'PRIVATE_ADDRESS'],
    ['https://[::ffff:127.0.0.1]/', 'PRIVATE_ADDRESS'],
    ['http://[::ffff:127.0.0.1]/', 'PRIVATE_ADDRESS'],
    ['https://[::ffff:7f00:1]/', 'PRIVATE_ADDRESS'],
    ['https://[::ffff:169.254.169.254]/', 'PRIVATE_ADDRESS'],
    ['https://[::127.0.0.1]/', 'PRIVATE_ADDRESS'],
    ['https://[fd00::1]/', 'PRIVATE_ADDRESS'],
    ['https://[fe80::1]/', 'PRIVATE_ADDRESS'],
    ['https://169.254.169.254/latest/meta-data/', 'PRIVATE_ADDRESS'],
    ['https://0xa9fea9fe/', 'PRIVATE_ADDRESS'], // 169.254.169.254 in hex
    ['https://2852039166/', 'PRIVATE_ADDRESS'], // 169.254.169.254 in decimal
    ['https://10.0.0.1/', 'PRIVATE_ADDRESS'],
    ['https://192.168.0.1:8443/', 'PRIVATE_ADDRESS'],
    ['https://100.64.0.1/', 'PRIVATE_ADDRESS'],
    ['https://224.0.0.1/', 'PRIVATE_ADDRESS'],
    ['https://198.51.100.1/', 'PRIVATE_ADDRESS'],
    ['https://localhost/', 'PRIVATE_NAME'],
    ['https://localhost./', 'PRIVATE_NAME'],
    ['https://LOCALHOST/', 'PRIVATE_NAME'],
    ['https://api.localhost/', 'PRIVATE_NAME'],
    ['https://printer.local/', 'PRIVATE_NAME'],
    ['https://hooks.internal/', 'PRIVATE_NAME'],
    ['https://router.home.arpa/', 'PRIVATE_NAME'],
    ['https://intranet/', 'PRIVATE_NAME'],
    ['https://intranet./', 'PRIVATE_NAME'],
    ['https://example.com../', 'INVALID_HOST'],
    ['https://a*b.example/', 'INVALID_HOST'],
    ['https://-bad.example/', 'INVALID_HOST'],
    ['http://hooks.example.com/', 'HTTPS_REQUIRED'],
    ['http://8.8.8.8/', 'HTTPS_REQUIRED'],
    ['https://hooks.example.com:22/', 'PORT'],
    ['https://hooks.example.com:25/', 'PORT'],
    ['https://hooks.example.com:0/', 'PORT'],
    ['https://hooks.example.com:1023/', 'PORT'],
  ])('refuses %s (%s)', (url, code) => {
    const decision = decideWebhookUrl(url, none);
    expect(decision).toMatchObject({ ok: false, code });
    expect(!decision.ok && decision.reason.length).toBeGreaterThan(10);
  });

  it('names the address and its range in the reason', () => {
    const decision = decideWebhookUrl('https://[::ffff:169.254.169.254]/', none);
    expect(!decision.ok && decision.reason).toMatch(/169\.254\.169\.254 is not a public address \(linkLocal\)/);
  });

  describe('with an allowlist', () => {
    const allowlist = parseAllowlist('127.0.0.1,10.0.0.0/8,hooks.internal,localhost');

    it.each([
      'http://127.0.0.1:4000/hook',
      'https://127.0.0.1:4000/',
      'http://10.1.2.3:8080/',
      'http://hooks.internal/',
      'http://HOOKS.internal./x',
      'http://localhost:4000/',
    ])('accepts %s as allowlisted', (url) => expect(decideWebhookUrl(url, { allowlist })).toMatchObject({ ok: true, allowlisted: true }));

    it.each<[string, TargetRefusal]>([
      ['http://127.0.0.2/', 'PRIVATE_ADDRESS'],
      ['http://192.168.0.1/', 'PRIVATE_ADDRESS'],
      ['http://other.internal/', 'PRIVATE_NAME'],
      ['http://hooks.example.com/', 'HTTPS_REQUIRED'],
      ['http://user:pw@127.0.0.1:4000/', 'CREDENTIALS'],
      ['http://127.0.0.1:22/', 'PORT'],
      ['ftp://127.0.0.1/', 'SCHEME'],
    ])('still refuses %s (%s)', (url, code) => expect(decideWebhookUrl(url, { allowlist })).toMatchObject({ ok: false, code }));

    it('matches an IPv4-mapped literal against an IPv4 range', () => {
      expect(decideWebhookUrl('http://[::ffff:10.9.9.9]:8080/', { allowlist })).toMatchObject({ ok: true, allowlisted: true });
    });
  });
});
