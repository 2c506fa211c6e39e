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
