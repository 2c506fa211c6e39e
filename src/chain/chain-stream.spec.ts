import { text } from 'node:stream/consumers';
import { ChainStream, PAGE_SIZE, StoredBlockRow } from './chain-stream';

/** Stored rows for a chain of `length` blocks whose bodies are tiny JSON objects. */
function storedChain(length: number): StoredBlockRow[] {
  return Array.from({ length }, (_, i) => ({
    height: i + 1,
    hash: `h${i + 1}`,
    previousHash: i === 0 ? '1' : `h${i}`,
    body: `{"index":${i + 1}}`,
  }));
}

function pagesOf(rows: StoredBlockRow[]) {
  const reads: number[] = [];
  const readPage = async (afterHeight: number, limit: number) => {
    reads.push(afterHeight);
    return rows.filter((row) => row.height > afterHeight).slice(0, limit);
  };
  return { readPage, reads };
}

describe(ChainStream.name, () => {
  it('should write the chain answer page by page, exactly as one piece would be', async () => {
    const rows = storedChain(PAGE_SIZE * 2 + 3);
    const { readPage, reads } = pagesOf(rows);
    const served = await text(new ChainStream(readPage, 0, () => undefined));
    expect(served).toBe(`{"chain":[${rows.map((row) => row.body).join(',')}],"length":${rows.length}}`);
    expect(reads).toEqual([0, PAGE_SIZE, PAGE_SIZE * 2, PAGE_SIZE * 2 + 3]);
  });

  it('should write the chain inside another frame', async () => {
    const rows = storedChain(PAGE_SIZE + 1);
    const frame = { open: '{"new_chain":[', close: (length: number) => `],"n":${length}}` };
    const served = await text(new ChainStream(pagesOf(rows).readPage, 0, () => undefined, frame));
    expect(served).toBe(`{"new_chain":[${rows.map((row) => row.body).join(',')}],"n":${rows.length}}`);
  });

  it('should write an empty chain', async () => {
    const { readPage } = pagesOf([]);
    expect(await text(new ChainStream(readPage, 100, () => undefined))).toBe('{"chain":[],"length":0}');
  });

  it('should hand over the whole text when it stays small enough to keep', async () => {
    const { readPage } = pagesOf(storedChain(3));
    const kept: string[] = [];
    const served = await text(new ChainStream(readPage, 1000, (whole) => kept.push(whole.toString())));
    expect(kept).toEqual([served]);
  });

  it('should keep nothing of a text larger than it may keep', async () => {
    const { readPage } = pagesOf(storedChain(PAGE_SIZE + 1));
    const onComplete = jest.fn();
    await text(new ChainStream(readPage, 100, onComplete));
    expect(onComplete).not.toHaveBeenCalled();
  });

  it('should fail rather than splice two chains when the chain is replaced between pages', async () => {
    const rows = storedChain(PAGE_SIZE + 10);
    const replaced = rows.map((row) =>
      row.height > PAGE_SIZE - 5 ? { ...row, hash: `x${row.height}`, previousHash: `x${row.height - 1}` } : row,
    );
    let calls = 0;
    const readPage = async (afterHeight: number, limit: number) =>
      (calls++ === 0 ? rows : replaced).filter((row) => row.height > afterHeight).slice(0, limit);
    await expect(text(new ChainStream(readPage, 0, () => undefined))).rejects.toThrow(
      'The chain was replaced while it was being sent',
    );
  });

  it('should go on across pages when blocks were only appended meanwhile', async () => {
    const rows = storedChain(PAGE_SIZE + 10);
    let calls = 0;
    const readPage = async (afterHeight: number, limit: number) =>
      (calls++ === 0 ? rows.slice(0, PAGE_SIZE) : rows).filter((row) => row.height > afterHeight).slice(0, limit);
    const served = await text(new ChainStream(readPage, 0, () => undefined));
    expect(served.endsWith(`,"length":${rows.length}}`)).toBe(true);
  });
});
