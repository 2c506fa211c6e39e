import { isAllowlistEntry, parseCidr } from './peer-allowlist';

describe(isAllowlistEntry.name, () => {
  it.each(['10.0.0.0/8', '192.0.2.1', '::1', 'fe80::/10', 'node.example', 'localhost'])('should accept %p', (entry) => {
    expect(isAllowlistEntry(entry)).toBe(true);
  });

  it.each(['10.0.0.0/33', 'http://x', 'a b', '-bad.example', '1.2.3.4/'])('should refuse %p', (entry) => {
    expect(isAllowlistEntry(entry)).toBe(false);
  });
});

describe(parseCidr.name, () => {
  it.each([
    ['10.0.0.0/8', { network: '10.0.0.0', prefix: 8 }],
    ['192.0.2.7/32', { network: '192.0.2.7', prefix: 32 }],
    ['fe80::/10', { network: 'fe80::', prefix: 10 }],
    ['2001:db8::/128', { network: '2001:db8::', prefix: 128 }],
  ])('should read %p', (entry, cidr) => {
    expect(parseCidr(entry)).toEqual(cidr);
  });

  it.each(['10.0.0.0/33', '::/129', '10.0.0.0', 'node.example/8', '10.0.0.0/', '10.0.0.0/1000'])(
    'should refuse %p',
    (entry) => {
      expect(parseCidr(entry)).toBeNull();
    },
  );
});
