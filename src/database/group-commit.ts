import { DatabaseWriter } from './database-writer';

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a commit is under way wait, then go to disk together in one write of the
 * DatabaseWriter (one transaction, one fsync). Every caller settles only after its group's commit: with the
 * group's result, or with the error that made the commit fail, so no caller is told a lost write succeeded.
 */
export class GroupCommit<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];
  private busy = false;

  constructor(
    private readonly writer: DatabaseWriter,
    private readonly commit: (items: Item[]) => Result,
    private readonly maxGroupSize = 1000,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.busy) return;
      this.busy = true;
      // Commit after the event loop has read every request already waiting on its sockets, so they share it.
      setImmediate(() => void this.commitNextGroup());
    });
  }

  private async commitNextGroup(): Promise<void> {
    const group = this.waiting.splice(0, this.maxGroupSize);
    try {
      const result = await this.writer.run(() => this.commit(group.map((waiting) => waiting.item)));
      for (const waiting of group) waiting.resolve(result);
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    }
    if (this.waiting.length > 0) void this.commitNextGroup();
    else this.busy = false;
  }
}
