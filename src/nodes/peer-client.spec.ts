import { guardedLookup } from './peer-client';
import { PeerPolicy } from './peer-policy';

describe(guardedLookup.name, () => {
  const resolvingTo = (address: string) => async () => ({ address, family: address.includes(':') ? 6 : 4 });

  it('should connect to what an ordinary name resolves to', async () => {
    const lookup = guardedLookup(new PeerPolicy([]), resolvingTo('203.0.113.5'));
    await expect(lookup('node.example')).resolves.toEqual(['203.0.113.5', 4]);
  });

  it.each(['169.254.169.254', 'fe80::1'])(
    'should refuse a name that resolves to the link-local %p',
    async (address) => {
      const lookup = guardedLookup(new PeerPolicy([]), resolvingTo(address));
      await expect(lookup('sneaky.example')).rejects.toThrow(
        `sneaky.example resolves to the link-local address ${address}`,
      );
    },
  );

  it('should connect to a link-local address the allowlist names', async () => {
    const lookup = guardedLookup(new PeerPolicy(['169.254.0.0/16']), resolvingTo('169.254.1.2'));
    await expect(lookup('metadata.example')).resolves.toEqual(['169.254.1.2', 4]);
  });
});
