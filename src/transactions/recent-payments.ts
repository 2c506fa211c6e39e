interface Entry<T> {
  key: string;
  value: T;
  at: number;
}

/**
 * Payments this node met lately, each with what it needs to remember of it, by payment key: each for `ttlMs`, and
 * at most `capacity` of them (the oldest forgotten first, taken ones included), so memory stays bounded whatever the
 * traffic. Payments have no identity, so equal payments are counted as a multiset: each record is taken once, the
 * oldest first.
 */
export class RecentPayments<T> {
  /** Every entry, oldest first, for forgetting by age and by count. */
  private readonly entries: Entry<T>[] = [];
  /** Payment key → its entries not taken yet, oldest first. */
  private readonly byKey = new Map<string, Entry<T>[]>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  record(key: string, value: T): void {
    this.forgetOld();
    if (this.entries.length >= this.capacity) this.forget(this.entries.shift()!);
    const entry = { key, value, at: this.now() };
    this.entries.push(entry);
    const kept = this.byKey.get(key);
    if (kept) kept.push(entry);
    else this.byKey.set(key, [entry]);
  }

  /** What the oldest record of the payment `key` still kept holds, that record then forgotten; undefined if none is. */
  take(key: string): T | undefined {
    this.forgetOld();
    const entry = this.byKey.get(key)?.[0];
    if (entry) this.forget(entry);
    return entry?.value;
  }

  private forgetOld(): void {
    const oldestKept = this.now() - this.ttlMs;
    while (this.entries.length > 0 && this.entries[0].at <= oldestKept) this.forget(this.entries.shift()!);
  }

  /**
   * Drops `entry` from its payment's entries (it may be gone from there already, taken). Entries are forgotten and
   * taken oldest first, so one still there is the first of them: each record costs the same however many equal
   * payments are kept (a miner's rewards, thousands in a long sync).
   */
  private forget(entry: Entry<T>): void {
    const kept = this.byKey.get(entry.key);
    if (kept?.[0] !== entry) return;
    kept.shift();
    if (kept.length === 0) this.byKey.delete(entry.key);
  }
}
