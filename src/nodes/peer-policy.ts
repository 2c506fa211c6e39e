import { BlockList, isIP } from 'node:net';
import { parseCidr } from '../config/peer-allowlist';
import { canonicalHost, PeerAddressError, peerBaseUrl } from './peer-address';

/** The BlockList family of an IP address. */
export function ipFamily(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** Link-local space (cloud metadata services live there): never a peer unless the allowlist names it. */
const LINK_LOCAL = new BlockList();
LINK_LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LINK_LOCAL.addSubnet('fe80::', 10, 'ipv6');

export interface PeerEndpoint {
  host: string;
  port: number;
}

/** The host (without IPv6 brackets, lower case) and port a stored peer address points at. */
export function peerEndpoint(address: string): PeerEndpoint {
  const url = new URL(peerBaseUrl(address));
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { host: url.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port };
}

/** Which peers this node agrees to call: the allowlist, link-local addresses, and never itself. */
export class PeerPolicy {
  private readonly allowedAddresses = new BlockList();
  private readonly allowedNames = new Set<string>();

  constructor(allowlist: string[]) {
    for (const listed of allowlist) {
      // Stored peers never say `localhost`: an allowlist that does means the address they say instead.
      const entry = canonicalHost(listed);
      const cidr = parseCidr(entry);
      if (cidr) this.allowedAddresses.addSubnet(cidr.network, cidr.prefix, ipFamily(cidr.network));
      else if (isIP(entry)) this.allowedAddresses.addAddress(entry, ipFamily(entry));
      else this.allowedNames.add(entry.toLowerCase());
    }
  }

  private get restricted(): boolean {
    return this.allowedNames.size > 0 || this.allowedAddresses.rules.length > 0;
  }

  private allows(host: string): boolean {
    return isIP(host) ? this.allowedAddresses.check(host, ipFamily(host)) : this.allowedNames.has(host);
  }

  /** Whether a peer's host name resolved to an address this node must not call (a name can point anywhere). */
  refusesResolvedAddress(ip: string): boolean {
    const family = ipFamily(ip);
    return LINK_LOCAL.check(ip, family) && !this.allowedAddresses.check(ip, family);
  }

  /** Throws a PeerAddressError naming `entry` when the peer at `address` may not be registered. */
  check(entry: string, address: string, isOwnEndpoint: (endpoint: PeerEndpoint) => boolean): void {
    const endpoint = peerEndpoint(address);
    if (isOwnEndpoint(endpoint)) throw new PeerAddressError(entry, 'is this node itself');
    if (this.restricted) {
      if (!this.allows(endpoint.host)) throw new PeerAddressError(entry, 'is not in PEER_ALLOWLIST');
      return;
    }
    if (isIP(endpoint.host) && this.refusesResolvedAddress(endpoint.host)) {
      throw new PeerAddressError(entry, 'link-local addresses are refused unless PEER_ALLOWLIST names them');
    }
  }
}
