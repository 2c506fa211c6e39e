/**
 * Header that carries a relayed transaction's id from node to node. The first node gives the transaction its id;
 * every node remembers the ids it has taken, so a copy that comes back by another path is not stored twice and the
 * relay ends. The tutorial's payments have no identity (two equal payments are two payments), so the id lives
 * beside the payment, not in it.
 */
export const RELAY_HEADER = 'x-blockchain-relay';

/** What another implementation may use as an id, too: a UUID fits, and nothing that needs escaping. */
export const RELAY_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
