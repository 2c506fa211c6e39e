import { RelayMemory } from './relay-memory';

describe(RelayMemory.name, () => {
  let now: number;
  const memory = (ttlMs = 1000, capacity = 10) => new RelayMemory(ttlMs, capacity, () => now);

  beforeEach(() => (now = 0));

  it('should take an id once, and refuse it while remembered', () => {
    const relays = memory();
    expect(relays.take('a')).toBe(true);
    expect(relays.take('a')).toBe(false);
    expect(relays.take('b')).toBe(true);
  });

  it('should take an id again once it expired', () => {
    const relays = memory(1000);
    relays.take('a');
    now = 999;
    expect(relays.take('a')).toBe(false);
    now = 1000;
    expect(relays.take('a')).toBe(true);
  });

  it('should forget expired ids as it goes, keeping the younger', () => {
    const relays = memory(1000);
    relays.take('old');
    now = 500;
    relays.take('young');
    now = 1200;
    relays.take('new');
    expect(relays.size).toBe(2);
    expect(relays.take('young')).toBe(false);
  });

  it('should forget the oldest id first when full', () => {
    const relays = memory(60_000, 3);
    for (const id of ['a', 'b', 'c', 'd']) relays.take(id);
    expect(relays.size).toBe(3);
    expect(relays.take('b')).toBe(false);
    expect(relays.take('a')).toBe(true);
  });

  it('should take an id again once released', () => {
    const relays = memory();
    relays.take('a');
    relays.release('a');
    expect(relays.take('a')).toBe(true);
  });
});
