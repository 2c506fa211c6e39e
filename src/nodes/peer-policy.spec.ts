import { peerEndpoint, PeerPolicy } from './peer-policy';
import { PeerAddressError } from './peer-address';

const notOwn = () => false;

describe(PeerPolicy.name, () => {
  it('should allow any ordinary peer when there is no allowlist', () => {
    const policy = new PeerPolicy([]);
    for (const address of ['127.0.0.1:5001', '10.0.0.7:5000', 'node.example:5000', '[2001:db8::1]:5000']) {
      expect(() => policy.check(address, address, notOwn)).not.toThrow();
    }
  });

  it.each(['169.254.169.254:80', '169.254.0.1:5000', '[fe80::1]:5000', '[::ffff:169.254.169.254]:80'])(
    'should refuse the link-local peer %p',
    (address) => {
      expect(() => new PeerPolicy([]).check(address, address, notOwn)).toThrow('link-local');
    },
  );

  it('should allow a link-local peer the allowlist names', () => {
    expect(() => new PeerPolicy(['169.254.10.0/24']).check('x', '169.254.10.5:5000', notOwn)).not.toThrow();
  });

  it('should allow only hosts and networks on the allowlist', () => {
    const policy = new PeerPolicy(['10.1.0.0/16', '192.0.2.7', 'Node.Example', '2001:db8::/32']);
    for (const address of ['10.1.200.3:5000', '192.0.2.7:5001', 'node.example:5000', '[2001:db8::5]:5000']) {
      expect(() => policy.check(address, address, notOwn)).not.toThrow();
    }
    for (const address of ['10.2.0.1:5000', '192.0.2.8:5000', 'other.example:5000', '127.0.0.1:5000']) {
      expect(() => policy.check(address, address, notOwn)).toThrow('is not in PEER_ALLOWLIST');
    }
  });

  it('should read localhost on the allowlist as the address localhost peers are stored under', () => {
    const policy = new PeerPolicy(['LocalHost']);
    expect(() => policy.check('localhost:5001', '127.0.0.1:5001', notOwn)).not.toThrow();
    expect(() => policy.check('127.0.0.2:5001', '127.0.0.2:5001', notOwn)).toThrow('is not in PEER_ALLOWLIST');
  });

  it('should refuse the node itself, naming the entry', () => {
    const own = ({ host, port }: { host: string; port: number }) => host === '127.0.0.1' && port === 5000;
    expect(() => new PeerPolicy([]).check('http://127.0.0.1:5000', '127.0.0.1:5000', own)).toThrow(PeerAddressError);
    expect(() => new PeerPolicy([]).check('http://127.0.0.1:5000', '127.0.0.1:5000', own)).toThrow(
      '"http://127.0.0.1:5000": is this node itself',
    );
  });
});

describe(peerEndpoint.name, () => {
  it.each([
    ['127.0.0.1:5001', { host: '127.0.0.1', port: 5001 }],
    ['node.example', { host: 'node.example', port: 80 }],
    ['https://node.example', { host: 'node.example', port: 443 }],
    ['[::1]:5000', { host: '::1', port: 5000 }],
  ])('should read %p as %p', (address, endpoint) => {
    expect(peerEndpoint(address)).toEqual(endpoint);
  });
});
