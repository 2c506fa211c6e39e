/**
 * The relay ids a node has taken lately: each for `ttlMs`, and at most `capacity` of them (the oldest forgotten
 * first), so memory stays bounded whatever the traffic. Copies of a relayed transaction arrive within seconds of each
 * other; an id forgotten after that lets nothing through that is still travelling.
 */
export class RelayMemory {
  /** Id → when it was taken; a Map iterates in insertion order, so the oldest come first. */
  private readonly taken = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `id` and answers true, or answers false when it was taken lately. */
  take(id: string): boolean {
    this.forgetExpired();
    if (this.taken.has(id)) return false;
    if (this.taken.size >= this.capacity) this.taken.delete(this.taken.keys().next().value!);
    this.taken.set(id, this.now());
    return true;
  }

  /** Gives `id` back, so that a later copy is taken: the transaction it named was not stored after all. */
  release(id: string): void {
    this.taken.delete(id);
  }

  get size(): number {
    return this.taken.size;
  }

  private forgetExpired(): void {
    const oldestKept = this.now() - this.ttlMs;
    for (const [id, takenAt] of this.taken) {
      if (takenAt > oldestKept) return;
      this.taken.delete(id);
    }
  }
}
