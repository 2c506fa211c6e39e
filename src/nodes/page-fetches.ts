/** Blocks asked for at a time: the most `GET /blocks` serves. */
const PAGE_BLOCKS = 1000;

/** A page of `GET /blocks` asked for: where it starts, how many blocks, and the answer's body on its way. */
export interface FetchedPage<Body> {
  from: number;
  limit: number;
  body: Promise<Body>;
}

/** Pages of `GET /blocks` asked for in chain order, a few ahead of the one being read. */
export class PageFetches<Body> {
  private readonly ahead: FetchedPage<Body>[] = [];

  constructor(
    private nextFrom: number,
    private readonly peerLength: number,
    private readonly pagesAhead: number,
    private readonly fetch: (from: number, limit: number) => Promise<Body>,
  ) {}

  /** Where the page `next` hands out starts. */
  get from(): number {
    return this.ahead[0]?.from ?? this.nextFrom;
  }

  /** The next page; only while `from` is within the peer's chain. */
  next(): FetchedPage<Body> {
    this.fill();
    const page = this.ahead.shift()!;
    this.fill();
    return page;
  }

  /** Gives up the pages asked for ahead: the next one starts at `from`. */
  restart(from: number): void {
    this.ahead.length = 0;
    this.nextFrom = from;
  }

  private fill(): void {
    while (this.ahead.length < this.pagesAhead && this.nextFrom <= this.peerLength) {
      const limit = Math.min(PAGE_BLOCKS, this.peerLength - this.nextFrom + 1);
      const body = this.fetch(this.nextFrom, limit);
      // A page fetched ahead may be given up unread when one before it fails: its failure is nobody's then.
      body.catch(() => undefined);
      this.ahead.push({ from: this.nextFrom, limit, body });
      this.nextFrom += limit;
    }
  }
}
