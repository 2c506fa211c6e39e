import { Readable } from 'node:stream';

/** The columns a page of the stored chain carries: enough to splice bodies and to check that pages link up. */
export interface StoredBlockRow {
  height: number;
  hash: string;
  previousHash: string;
  body: string;
}

export type PageReader = (afterHeight: number, limit: number) => Promise<StoredBlockRow[]>;

export const PAGE_SIZE = 256;

/** The JSON around the blocks: `open` ends with the chain's `[`, `close` (given the chain's length) starts with `]`. */
export interface ChainFrame {
  open: string;
  close(length: number): string;
}

/** GET /chain's answer, as the reference serves it. */
export const CHAIN_FRAME: ChainFrame = { open: '{"chain":[', close: (length) => `],"length":${length}}` };

/**
 * A JSON answer holding the chain (`{"chain":[...],"length":n}` by default) from stored block bodies, one page of
 * blocks at a time as the client reads, so
 * memory stays flat however long the chain. Pages read apart may straddle a chain replacement: a page that does not
 * link to the last block sent ends the stream with an error (the client sees a cut answer, never a spliced chain).
 * A text that stays under `keepUpTo` bytes is handed to `onComplete` whole, for callers that cache small chains.
 */
export class ChainStream extends Readable {
  private sentHeight = 0;
  private sentHash = '';
  private kept: Buffer[] | null = [];
  private keptBytes = 0;

  constructor(
    private readonly readPage: PageReader,
    private readonly keepUpTo: number,
    private readonly onComplete: (text: Buffer) => void,
    private readonly frame: ChainFrame = CHAIN_FRAME,
  ) {
    super();
  }

  override _read(): void {
    this.readPage(this.sentHeight, PAGE_SIZE).then(
      (rows) => this.send(rows),
      (error: Error) => this.destroy(error),
    );
  }

  private send(rows: StoredBlockRow[]): void {
    if (rows.length === 0) {
      this.emitText(`${this.sentHeight === 0 ? this.frame.open : ''}${this.frame.close(this.sentHeight)}`);
      if (this.kept) this.onComplete(Buffer.concat(this.kept));
      this.push(null);
      return;
    }
    if (this.sentHeight > 0 && (rows[0].height !== this.sentHeight + 1 || rows[0].previousHash !== this.sentHash)) {
      this.destroy(new Error('The chain was replaced while it was being sent'));
      return;
    }
    let text = this.sentHeight === 0 ? this.frame.open : ',';
    for (let i = 0; i < rows.length; i++) text += i === 0 ? rows[i].body : ',' + rows[i].body;
    const last = rows[rows.length - 1];
    this.sentHeight = last.height;
    this.sentHash = last.hash;
    this.emitText(text);
  }

  private emitText(text: string): void {
    const chunk = Buffer.from(text);
    if (this.kept) {
      this.keptBytes += chunk.length;
      if (this.keptBytes <= this.keepUpTo) this.kept.push(chunk);
      else this.kept = null;
    }
    this.push(chunk);
  }
}
