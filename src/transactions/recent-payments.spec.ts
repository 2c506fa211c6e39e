import { RecentPayments } from './recent-payments';

describe(RecentPayments.name, () => {
  let now = 0;
  const payments = (ttlMs = 1000, capacity = 10) => new RecentPayments<string>(ttlMs, capacity, () => now);

  beforeEach(() => (now = 0));

  it('should give back what a payment was recorded with, once', () => {
    const memory = payments();
    memory.record('pay-a', 'id-1');
    expect(memory.take('pay-b')).toBeUndefined();
    expect(memory.take('pay-a')).toBe('id-1');
    expect(memory.take('pay-a')).toBeUndefined();
  });

  it('should keep one record per copy of equal payments, oldest first', () => {
    const memory = payments();
    memory.record('pay-a', 'id-1');
    memory.record('pay-a', 'id-2');
    expect([memory.take('pay-a'), memory.take('pay-a'), memory.take('pay-a')]).toEqual(['id-1', 'id-2', undefined]);
  });

  it('should forget a record after its time', () => {
    const memory = payments(1000);
    memory.record('pay-a', 'id-1');
    now = 500;
    memory.record('pay-a', 'id-2');
    now = 1000;
    expect(memory.take('pay-a')).toBe('id-2');
  });

  it('should keep a younger copy when an older one was taken before it expired', () => {
    const memory = payments(1000);
    memory.record('pay-a', 'id-1');
    now = 500;
    memory.record('pay-a', 'id-2');
    expect(memory.take('pay-a')).toBe('id-1');
    now = 1200;
    expect(memory.take('pay-a')).toBe('id-2');
    expect(memory.take('pay-a')).toBeUndefined();
  });

  it('should forget the oldest first when full, taken ones included', () => {
    const memory = payments(60_000, 2);
    memory.record('pay-a', 'id-1');
    memory.record('pay-b', 'id-2');
    expect(memory.take('pay-b')).toBe('id-2');
    memory.record('pay-c', 'id-3');
    expect(memory.take('pay-a')).toBeUndefined();
    expect(memory.take('pay-c')).toBe('id-3');
  });

  it('should answer as a plain list of records would, over any run of records, takes and expiries', () => {
    // The plain list: every record kept in order, with whether it was taken, until its time or the capacity ends it.
    type Kept = { key: string; value: string; at: number; taken: boolean };
    let list: Kept[] = [];
    const forgetOld = () => (list = list.filter((kept) => kept.at > now - 100));
    const memory = payments(100, 5);
    let state = 7;
    const random = (n: number) => (state = (state * 48271) % 0x7fffffff) % n;
    for (let step = 0; step < 5000; step++) {
      now += random(30);
      const key = `pay-${random(3)}`;
      if (random(2) === 0) {
        forgetOld();
        if (list.length >= 5) list.shift();
        list.push({ key, value: `id-${step}`, at: now, taken: false });
        memory.record(key, `id-${step}`);
      } else {
        forgetOld();
        const first = list.find((kept) => kept.key === key && !kept.taken);
        if (first) first.taken = true;
        expect(memory.take(key)).toBe(first?.value);
      }
    }
  });

  it('should forget the oldest record first when full', () => {
    const memory = payments(60_000, 2);
    memory.record('pay-a', 'id-1');
    memory.record('pay-b', 'id-2');
    memory.record('pay-c', 'id-3');
    expect(memory.take('pay-a')).toBeUndefined();
    expect(memory.take('pay-b')).toBe('id-2');
    expect(memory.take('pay-c')).toBe('id-3');
  });
});
