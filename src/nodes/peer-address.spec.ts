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
  ])('should refuse %p', (entry, reason) => {
    expect(() => normalizePeerAddress(entry)).toThrow(PeerAddressError);
    expect(() => normalizePeerAddress(entry)).toThrow(reason);
  });
});

describe(peerBaseUrl.name, () => {
  it('should call plain peers over http and keep https peers as they are', () => {
    expect(peerBaseUrl('127.0.0.1:5001')).toBe('http://127.0.0.1:5001');
    expect(peerBaseUrl('https://node.example:8443')).toBe('https://node.example:8443');
  });
});
