import { isIP } from 'node:net';

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** A CIDR such as `10.0.0.0/8` or `fe80::/10`, or null for anything else. */
export function parseCidr(entry: string): { network: string; prefix: number } | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (!match || isIP(match[1]) === 0) return null;
  const prefix = Number(match[2]);
  return prefix <= (isIP(match[1]) === 6 ? 128 : 32) ? { network: match[1], prefix } : null;
}

/** An IP address (v4 or v6, without brackets) or a host name: what a host may be written as, without a port. */
export function isAddressOrHostName(entry: string): boolean {
  return isIP(entry) !== 0 || HOST_NAME.test(entry);
}

/** A `PEER_ALLOWLIST` entry: an IP address, a CIDR, or a host name (matched as written; names are not resolved). */
export function isAllowlistEntry(entry: string): boolean {
  return isAddressOrHostName(entry) || parseCidr(entry) !== null;
}
