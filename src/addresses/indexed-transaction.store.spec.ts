import type { Database } from 'better-sqlite3';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { NodeDataSource } from '../database/node-data-source';
import { statementsOn } from '../database/statements';
import type { IndexedTransactionEntity } from './indexed-transaction.entity';
import { AddressTotals, IndexedTransactionStore } from './indexed-transaction.store';

const row = (height: number, position: number, sender: string, recipient: string, amount: string) =>
  ({ height, position, sender, recipient, amount }) satisfies IndexedTransactionEntity;

/** Each address's totals over `rows`, summed here. */
function expectedTotals(rows: IndexedTransactionEntity[]): Map<string, AddressTotals> {
  const totals = new Map<string, AddressTotals>();
  const total = (address: string) =>
    totals.get(address) ?? totals.set(address, { count: 0, received: 0, sent: 0 }).get(address)!;
  for (const { sender, recipient, amount } of rows) {
    total(sender).count++;
    total(sender).sent += Number(amount);
    if (recipient !== sender) total(recipient).count++;
    total(recipient).received += Number(amount);
  }
  return totals;
}

describe(`${IndexedTransactionStore.name} trimmed at a reorganization`, () => {
  let dataSource: NodeDataSource;
  let store: IndexedTransactionStore;

  beforeEach(async () => {
    dataSource = new NodeDataSource(':memory:');
    await dataSource.initialize();
    store = new IndexedTransactionStore(
      statementsOn((dataSource.driver as BetterSqlite3Driver).databaseConnection as Database),
    );
  });

  afterEach(() => dataSource.destroy());

  it('should leave every address the totals of what is left, exactly where its amounts are whole', () => {
    const rows: IndexedTransactionEntity[] = [];
    for (let height = 1; height <= 300; height++) {
      rows.push(row(height, 0, `payer-${height % 7}`, `payee-${height % 5}`, String(height % 9)));
      if (height % 4 === 0) rows.push(row(height, 1, 'self', 'self', '3'));
      rows.push(row(height, 2, '0', `miner-${height % 3}`, '1'));
    }
    store.add(rows);
    store.deleteAbove(120);

    for (const [address, totals] of expectedTotals(rows.filter((kept) => kept.height <= 120))) {
      expect({ address, ...store.totalsFor(address) }).toEqual({ address, ...totals });
    }
    // Named only above the fork: gone.
    store.add([row(121, 0, 'late', 'later', '5')]);
    store.deleteAbove(120);
    expect([store.totalsFor('late'), store.totalsFor('later')]).toEqual([
      { count: 0, received: 0, sent: 0 },
      { count: 0, received: 0, sent: 0 },
    ]);
  });

  it('should sum anew the totals of an address that has fractions among its amounts', () => {
    const rows = [
      row(1, 0, 'a', 'b', '0.1'),
      row(2, 0, 'a', 'b', '0.2'),
      row(3, 0, 'a', 'b', '0.7'),
      row(3, 1, 'a', 'c', '2'),
      row(4, 0, 'c', 'b', '1e-05'),
    ];
    store.add(rows);
    store.deleteAbove(2);
    // What a sum of the rows left gives, not what is left of the sum of them all: 0.1 + 0.2, not 1 - 0.7.
    expect(store.totalsFor('a')).toEqual({ count: 2, received: 0, sent: 0.1 + 0.2 });
    expect(store.totalsFor('b')).toEqual({ count: 2, received: 0.1 + 0.2, sent: 0 });
    expect(store.totalsFor('c')).toEqual({ count: 0, received: 0, sent: 0 });
  });
});
