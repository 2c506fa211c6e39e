import { UnseenPayments } from './unseen-payments';

describe(UnseenPayments.name, () => {
  let now: number;
  const payments = (ttlMs = 1000, capacity = 10) => new UnseenPayments(ttlMs, capacity, () => now);

  beforeEach(() => (now = 0));

  it('should stop one copy per recorded payment, counting equal payments', () => {
    const unseen = payments();
    unseen.record('a');
    unseen.record('a');
    expect(unseen.take('a')).toBe(true);
    expect(unseen.take('a')).toBe(true);
    expect(unseen.take('a')).toBe(false);
    expect(unseen.take('b')).toBe(false);
  });

  it('should forget a payment once it expired', () => {
    const unseen = payments(1000);
    unseen.record('a');
    now = 1000;
    expect(unseen.take('a')).toBe(false);
  });

  it('should forget the oldest record first when full', () => {
    const unseen = payments(60_000, 2);
    unseen.record('a');
    unseen.record('b');
    unseen.record('c');
    expect(unseen.take('a')).toBe(false);
    expect(unseen.take('b')).toBe(true);
    expect(unseen.take('c')).toBe(true);
  });

  it('should keep a younger copy when an older one was taken before it expired', () => {
    const unseen = payments(1000);
    unseen.record('a');
    now = 500;
    unseen.record('a');
    expect(unseen.take('a')).toBe(true);
    now = 1200;
    expect(unseen.take('a')).toBe(true);
    expect(unseen.take('a')).toBe(false);
  });
});
