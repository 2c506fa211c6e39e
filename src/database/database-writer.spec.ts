import { DataSource } from 'typeorm';
import { DatabaseWriter } from './database-writer';

describe(DatabaseWriter.name, () => {
  let dataSource: DataSource;
  let writer: DatabaseWriter;

  beforeEach(async () => {
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    await dataSource.query('CREATE TABLE notes (text TEXT NOT NULL)');
    writer = new DatabaseWriter(dataSource);
  });

  afterEach(() => dataSource.destroy());

  it('should run writes one at a time, each in its own transaction', async () => {
    const order: string[] = [];
    const write = (name: string) =>
      writer.run(async (manager) => {
        order.push(`${name} starts`);
        await manager.query('INSERT INTO notes VALUES (?)', [name]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`${name} ends`);
      });
    await Promise.all([write('a'), write('b')]);
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
  });

  it('should call back after the commit, when the change is visible', async () => {
    const seen: number[] = [];
    await writer.run(async (manager) => {
      await manager.query("INSERT INTO notes VALUES ('x')");
      writer.afterCommit(() => seen.push(seen.length));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([0]);
  });

  it('should never call back for a write that rolled back, and roll it back whole', async () => {
    const callback = jest.fn();
    await expect(
      writer.run(async (manager) => {
        await manager.query("INSERT INTO notes VALUES ('lost')");
        writer.afterCommit(callback);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(callback).not.toHaveBeenCalled();
    expect(await dataSource.query('SELECT COUNT(*) AS count FROM notes')).toEqual([{ count: 0 }]);
    await expect(writer.run(async () => 'still serving')).resolves.toBe('still serving');
  });

  it('should refuse an after-commit callback outside a write', () => {
    expect(() => writer.afterCommit(() => undefined)).toThrow('only for code running inside');
  });
});
