import type { Database } from 'better-sqlite3';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { sha256Hex } from '../core/sha256';
import { NodeDataSource } from '../database/node-data-source';
import { statementsOn } from '../database/statements';
import { BlockStore } from './block.store';

const hashOf = (name: string) => sha256Hex(name);
/** Two hashes that share the first digits a lookup keys them by. */
const [TWIN_A, TWIN_B] = [`abcdef0${'1'.repeat(57)}`, `abcdef0${'2'.repeat(57)}`];

describe(`${BlockStore.name} lookups by hash`, () => {
  let dataSource: NodeDataSource;
  let connection: Database;

  const store = () => new BlockStore(statementsOn(connection));
  const insert = (blocks: BlockStore, height: number, hash: string) =>
    blocks.insert([{ height, hash, previousHash: '0'.repeat(64), proof: '1', body: `{"index":${height}}` }]);

  beforeEach(async () => {
    dataSource = new NodeDataSource(':memory:');
    await dataSource.initialize();
    connection = (dataSource.driver as BetterSqlite3Driver).databaseConnection as Database;
  });

  afterEach(() => dataSource.destroy());

  it('should find blocks stored before the store was made, and blocks it stores since', () => {
    insert(store(), 1, hashOf('one'));
    const blocks = store();
    insert(blocks, 2, hashOf('two'));
    expect(blocks.heightOf(hashOf('one'))).toBe(1);
    insert(blocks, 3, hashOf('three'));
    expect(blocks.heightOf(hashOf('two'))).toBe(2);
    expect(blocks.heightOf(hashOf('three'))).toBe(3);
    expect(blocks.bodyWithHash(hashOf('three'))).toBe('{"index":3}');
    expect(blocks.heightOf(hashOf('four'))).toBeUndefined();
    expect(blocks.bodyWithHash(hashOf('four'))).toBeUndefined();
  });

  it('should tell apart hashes that share their first digits', () => {
    const blocks = store();
    insert(blocks, 1, TWIN_A);
    expect(blocks.heightOf(TWIN_B)).toBeUndefined();
    insert(blocks, 2, TWIN_B);
    expect([blocks.heightOf(TWIN_A), blocks.heightOf(TWIN_B)]).toEqual([1, 2]);
  });

  it('should no longer find blocks replaced above a fork, and find those that replaced them', () => {
    const blocks = store();
    [1, 2, 3].forEach((height) => insert(blocks, height, hashOf(`ours ${height}`)));
    expect(blocks.heightOf(hashOf('ours 3'))).toBe(3);
    blocks.deleteAbove(1);
    insert(blocks, 2, hashOf('theirs 2'));
    expect(blocks.heightOf(hashOf('ours 2'))).toBeUndefined();
    expect(blocks.heightOf(hashOf('ours 3'))).toBeUndefined();
    expect(blocks.heightOf(hashOf('theirs 2'))).toBe(2);
    expect(blocks.heightOf(hashOf('ours 1'))).toBe(1);
  });

  it('should not find a block whose write was rolled back, nor lose the one it would have replaced', () => {
    const blocks = store();
    insert(blocks, 1, hashOf('one'));
    insert(blocks, 2, hashOf('two'));
    expect(blocks.heightOf(hashOf('two'))).toBe(2);
    connection.exec('BEGIN');
    blocks.deleteAbove(1);
    insert(blocks, 2, hashOf('other two'));
    expect(blocks.heightOf(hashOf('other two'))).toBe(2);
    connection.exec('ROLLBACK');
    expect(blocks.heightOf(hashOf('other two'))).toBeUndefined();
    expect(blocks.heightOf(hashOf('two'))).toBe(2);
  });

  it('should insert rows many to a statement, every one of them found by height and by hash', () => {
    const blocks = store();
    const rows = Array.from({ length: 123 }, (_, position) => ({
      height: position + 1,
      hash: hashOf(`block ${position + 1}`),
      previousHash: position === 0 ? '1' : hashOf(`block ${position}`),
      proof: String(position),
      body: `{"index":${position + 1}}`,
    }));
    // Heights by hash loaded first: the insert keeps them up, a chunk at a time.
    expect(blocks.heightOf(rows[0].hash)).toBeUndefined();
    blocks.insert(rows);
    expect(blocks.pageAbove(0, 200)).toEqual(
      rows.map(({ height, hash, previousHash, body }) => ({ height, hash, previousHash, body })),
    );
    expect(rows.map((row) => blocks.tipAt(row.height)?.proof)).toEqual(rows.map((row) => row.proof));
    expect(rows.every((row) => blocks.heightOf(row.hash) === row.height)).toBe(true);
  });
});
