import { PageFetches } from './page-fetches';

describe(PageFetches.name, () => {
  const asked: string[] = [];
  const fetch = (from: number, limit: number) => {
    asked.push(`${from}+${limit}`);
    return Promise.resolve(`${from}`);
  };
  beforeEach(() => (asked.length = 0));

  it('should ask for pages in order, a few ahead, and stop at the end of the chain', async () => {
    const fetches = new PageFetches(2, 3500, 2, fetch);
    const first = fetches.next();
    expect(first).toMatchObject({ from: 2, limit: 1000 });
    await expect(first.body).resolves.toBe('2');
    expect(asked).toEqual(['2+1000', '1002+1000', '2002+1000']);
    expect(fetches.from).toBe(1002);
    fetches.next();
    expect(fetches.next()).toMatchObject({ from: 2002, limit: 1000 });
    expect(fetches.next()).toMatchObject({ from: 3002, limit: 499 });
    expect(asked).toEqual(['2+1000', '1002+1000', '2002+1000', '3002+499']);
  });

  it('should give up the pages asked for ahead when the next page starts elsewhere', () => {
    const fetches = new PageFetches(1, 5000, 1, fetch);
    fetches.next();
    fetches.restart(901);
    expect(fetches.from).toBe(901);
    expect(fetches.next()).toMatchObject({ from: 901, limit: 1000 });
    expect(asked).toEqual(['1+1000', '1001+1000', '901+1000', '1901+1000']);
  });

  it('should let a page asked for ahead fail unread, without an unhandled rejection', async () => {
    const fetches = new PageFetches(1, 2000, 1, () => Promise.reject(new Error('gone')));
    const page = fetches.next();
    await expect(page.body).rejects.toThrow('gone');
    fetches.restart(1);
  });
});
