/**
 * Payments that reached this node inside a block before any relayed copy of them did, kept for `ttlMs` and at most
 * `capacity` of them (the oldest forgotten first). A relayed copy that arrives later is the same payment, already in
 * the chain: taking it would put it in a block twice. Payments have no identity, so equal payments are counted, as
 * a multiset: each recorded one stops one copy.
 */
export class UnseenPayments {
  /** Payment key → when each of its copies was recorded, oldest first. */
  private readonly copies = new Map<string, number[]>();
  /** Every record, oldest first, for forgetting by age and by count (a taken one is skipped then). */
  private readonly records: { key: string; at: number }[] = [];

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  record(key: string): void {
    this.forgetOld();
    if (this.records.length >= this.capacity) this.forget(this.records.shift()!);
    const at = this.now();
    this.records.push({ key, at });
    this.copies.set(key, [...(this.copies.get(key) ?? []), at]);
  }

  /** Takes one recorded copy of `key`, telling whether there was one. */
  take(key: string): boolean {
    this.forgetOld();
    const times = this.copies.get(key);
    if (!times) return false;
    times.shift();
    if (times.length === 0) this.copies.delete(key);
    return true;
  }

  private forgetOld(): void {
    const oldestKept = this.now() - this.ttlMs;
    while (this.records.length > 0 && this.records[0].at <= oldestKept) this.forget(this.records.shift()!);
  }

  /** Drops the copy `record` stands for, unless it was taken already (then a later copy is first in line). */
  private forget({ key, at }: { key: string; at: number }): void {
    const times = this.copies.get(key);
    if (times?.[0] !== at) return;
    times.shift();
    if (times.length === 0) this.copies.delete(key);
  }
}
