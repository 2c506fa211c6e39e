/** A peer registration entry this node refuses, and why. */
export class PeerAddressError extends Error {
  constructor(
    readonly entry: string,
    reason: string,
  ) {
    super(`${JSON.stringify(entry)}: ${reason}`);
  }
}

/** Where `localhost` stores a peer: the IPv4 loopback, so that both spellings are one peer. */
const LOCALHOST_ADDRESS = '127.0.0.1';

/** A host as peer addresses spell it: `localhost` is the IPv4 loopback. */
export function canonicalHost(host: string): string {
  return host.toLowerCase() === 'localhost' ? LOCALHOST_ADDRESS : host;
}

/**
 * Turns a registration entry into the address this node stores: `host:port` for plain HTTP (as the reference lists
 * its peers, and what it accepts from `http://host:port` or a bare `host:port`), or `https://host:port`. The address
 * is ASCII (a URL's host is punycode), so SQLite stores it exactly; an entry with a lone surrogate never parses.
 * Each peer has one spelling: the URL parser lower-cases the host, drops the scheme's default port and reads IPv4
 * in any notation (`127.1`), a trailing slash goes, and `localhost` becomes 127.0.0.1.
 */
export function normalizePeerAddress(entry: string): string {
  const text = entry.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new PeerAddressError(entry, 'is not a URL or host:port');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PeerAddressError(entry, 'only http:// and https:// peers are supported');
  }
  if (url.username || url.password) throw new PeerAddressError(entry, 'credentials in a peer URL are refused');
  if (!url.hostname) throw new PeerAddressError(entry, 'has no host');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new PeerAddressError(entry, 'a peer is a host and port, without a path or query');
  }
  url.hostname = canonicalHost(url.hostname);
  return url.protocol === 'https:' ? `https://${url.host}` : url.host;
}

/** The base URL to call a stored peer at. */
export function peerBaseUrl(address: string): string {
  return address.startsWith('https://') ? address : `http://${address}`;
}
