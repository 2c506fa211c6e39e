interface Entry {
  key: string;
  relayId: string;
  at: number;
}

/**
 * The relay ids of payments this node took lately, by payment: each for `ttlMs`, and at most `capacity` of them (the
 * oldest forgotten first). When a reorganization puts a payment back in the pending set, its id lets it be relayed
 * again: a node that took it already knows the id and ignores the copy, one that never got it (cut off when it was
 * first relayed) stores it. Payments have no identity, so equal payments are counted as a multiset, each with its id.
 */
export class PaymentRelayIds {
  /** Every entry, oldest first, for forgetting by age and by count. */
  private readonly entries: Entry[] = [];
  /** Payment key → its entries not taken yet, oldest first. */
  private readonly byKey = new Map<string, Entry[]>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  record(key: string, relayId: string): void {
    this.forgetOld();
    if (this.entries.length >= this.capacity) this.forget(this.entries.shift()!);
    const entry = { key, relayId, at: this.now() };
    this.entries.push(entry);
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), entry]);
  }

  /** The id one copy of the payment `key` was taken with, no longer remembered; undefined if none is. */
  take(key: string): string | undefined {
    this.forgetOld();
    const entry = this.byKey.get(key)?.[0];
    if (entry) this.forget(entry);
    return entry?.relayId;
  }

  private forgetOld(): void {
    const oldestKept = this.now() - this.ttlMs;
    while (this.entries.length > 0 && this.entries[0].at <= oldestKept) this.forget(this.entries.shift()!);
  }

  /** Drops `entry` from its payment's entries (it may be gone from there already, taken). */
  private forget(entry: Entry): void {
    const entries = this.byKey.get(entry.key)?.filter((kept) => kept !== entry);
    if (entries?.length) this.byKey.set(entry.key, entries);
    else this.byKey.delete(entry.key);
  }
}
