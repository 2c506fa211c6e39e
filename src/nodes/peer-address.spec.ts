import { normalizePeerAddress, PeerAddressError, peerBaseUrl } from './peer-address';

describe(normalizePeerAddress.name, () => {
  it.each([
    ['http://127.0.0.1:5001', '127.0.0.1:5001'],
    ['http://127.0.0.1:5001/', '127.0.0.1:5001'],
    ['127.0.0.1:5002', '127.0.0.1:5002'],
    ['  Node-A.example:5000 ', 'node-a.example:5000'],
    ['https://node.example:8443', 'https://node.example:8443'],
    ['http://[::1]:5003', '[::1]:5003'],
    ['node.example', 'node.example'],
    ['bücher.example:5000', 'xn--bcher-kva.example:5000'],
    ['http://a😀.example', 'xn--a-jv3s.example'],
    ['localhost:5001', '127.0.0.1:5001'],
    ['http://LocalHost:5001/', '127.0.0.1:5001'],
    ['https://localhost:8443', 'https://127.0.0.1:8443'],
    ['http://127.1:5001', '127.0.0.1:5001'],
    ['127.0.0.1:80', '127.0.0.1'],
    ['http://node.example:80/', 'node.example'],
    ['https://node.example:443', 'https://node.example'],
    ['https://node.example:80', 'https://node.example:80'],
    ['localhost.example:5001', 'localhost.example:5001'],
  ])('should store %p as %p', (entry, address) => {
    expect(normalizePeerAddress(entry)).toBe(address);
  });

  it.each([
    ['ftp://127.0.0.1:5001', 'only http:// and https://'],
    ['http://user:secret@127.0.0.1:5001', 'credentials'],
    ['http://127.0.0.1:5001/chain', 'without a path'],
    ['http://127.0.0.1:5001?x=1', 'without a path'],
    ['', 'is not a URL'],
    ['http://', 'is not a URL'],
    ['127.0.0.1:99999', 'is not a URL'],
    ['a\ud800b:5000', 'is not a URL'],
    ['http://node\udc00.example', 'is not a URL'],
    ['127.0.0.1:50\ud800', 'is not a URL'],
    ['http://127.0.0.1:5001#\ud800', 'without a path'],
  ])('should refuse %p', (entry, reason) => {
    expect(() => normalizePeerAddress(entry)).toThrow(PeerAddressError);
    expect(() => normalizePeerAddress(entry)).toThrow(reason);
  });

  it('should store only ASCII, which SQLite keeps exactly, whatever the entry holds', () => {
    const entries = ['bücher.example', 'ÉCOLE.example:80', 'https://北京.example:8443', 'http://[::ffff:1.2.3.4]:1'];
    for (const entry of entries) expect(normalizePeerAddress(entry)).toMatch(/^[\x21-\x7e]+$/);
  });
});

describe('one spelling per peer', () => {
  it('should store every spelling of the local peer on port 5001 as one address', () => {
    const spellings = [
      'localhost:5001',
      '127.0.0.1:5001',
      'http://localhost:5001/',
      'HTTP://127.0.0.1:5001',
      ' 127.1:5001 ',
    ];
    expect(new Set(spellings.map(normalizePeerAddress))).toEqual(new Set(['127.0.0.1:5001']));
  });
});

describe(peerBaseUrl.name, () => {
  it('should call plain peers over http and keep https peers as they are', () => {
    expect(peerBaseUrl('127.0.0.1:5001')).toBe('http://127.0.0.1:5001');
    expect(peerBaseUrl('https://node.example:8443')).toBe('https://node.example:8443');
  });
});
