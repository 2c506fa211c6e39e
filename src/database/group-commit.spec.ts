import { DatabaseWriter } from './database-writer';
import { GroupCommit } from './group-commit';

/** A writer that runs each write at once and records what every commit was handed. */
function recordingWriter() {
  const writer = { run: jest.fn(async (work: () => unknown) => work()) };
  return { writer: writer as unknown as DatabaseWriter, runs: writer.run };
}

describe(GroupCommit.name, () => {
  it('should commit items submitted together in one write, in order, and give each caller the result', async () => {
    const { writer, runs } = recordingWriter();
    const groups: string[][] = [];
    const commits = new GroupCommit<string, number>(writer, (items) => {
      groups.push(items);
      return groups.length;
    });
    const results = await Promise.all(['a', 'b', 'c'].map((item) => commits.submit(item)));
    expect(groups).toEqual([['a', 'b', 'c']]);
    expect(runs).toHaveBeenCalledTimes(1);
    expect(results).toEqual([1, 1, 1]);
  });

  it('should put items that arrive during a commit into the next one', async () => {
    const { writer } = recordingWriter();
    const groups: string[][] = [];
    let late: Promise<number> | undefined;
    const commits = new GroupCommit<string, number>(writer, (items) => {
      groups.push(items);
      late ??= commits.submit('late');
      return groups.length;
    });
    const first = await commits.submit('first');
    expect([first, await late]).toEqual([1, 2]);
    expect(groups).toEqual([['first'], ['late']]);
  });

  it('should fail every caller of a group whose commit fails, with its error, and go on with the next group', async () => {
    const { writer } = recordingWriter();
    let calls = 0;
    const commits = new GroupCommit<string, string>(writer, (items) => {
      if (++calls === 1) throw new Error('disk full');
      return items.join();
    });
    const failed = await Promise.allSettled([commits.submit('a'), commits.submit('b')]);
    expect(failed).toEqual([
      { status: 'rejected', reason: new Error('disk full') },
      { status: 'rejected', reason: new Error('disk full') },
    ]);
    await expect(commits.submit('c')).resolves.toBe('c');
  });

  it('should cap the size of a group', async () => {
    const { writer } = recordingWriter();
    const groups: number[][] = [];
    const commits = new GroupCommit<number, void>(
      writer,
      (items) => {
        groups.push(items);
      },
      2,
    );
    await Promise.all([1, 2, 3, 4, 5].map((item) => commits.submit(item)));
    expect(groups).toEqual([[1, 2], [3, 4], [5]]);
  });
});
