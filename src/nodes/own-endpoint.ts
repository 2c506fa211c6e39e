import { networkInterfaces, hostname } from 'node:os';
import { BlockList, isIP } from 'node:net';
import { ipFamily, PeerEndpoint } from './peer-policy';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Names and addresses under which this machine reaches itself. */
function localHosts(): Set<string> {
  const hosts = new Set(['localhost', '0.0.0.0', '::', hostname().toLowerCase()]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const { address } of addresses ?? []) hosts.add(address.toLowerCase());
  }
  return hosts;
}

/** Whether a peer endpoint is this node: one of this machine's addresses, on the port we listen on. */
export function isOwnEndpoint({ host, port }: PeerEndpoint, listeningPort: number): boolean {
  if (port !== listeningPort) return false;
  if (isIP(host) && LOOPBACK.check(host, ipFamily(host))) return true;
  return localHosts().has(host);
}
