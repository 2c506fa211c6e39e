import { PaymentRelayIds } from './payment-relay-ids';

describe('PaymentRelayIds', () => {
  let now = 0;
  const ids = (capacity = 10) => new PaymentRelayIds(1000, capacity, () => now);

  beforeEach(() => (now = 0));

  it('should give back the id a payment was taken with, once', () => {
    const memory = ids();
    memory.record('pay-a', 'id-1');
    expect(memory.take('pay-b')).toBeUndefined();
    expect(memory.take('pay-a')).toBe('id-1');
    expect(memory.take('pay-a')).toBeUndefined();
  });

  it('should keep one id per copy of equal payments, oldest first', () => {
    const memory = ids();
    memory.record('pay-a', 'id-1');
    memory.record('pay-a', 'id-2');
    expect([memory.take('pay-a'), memory.take('pay-a'), memory.take('pay-a')]).toEqual(['id-1', 'id-2', undefined]);
  });

  it('should forget an id after its time', () => {
    const memory = ids();
    memory.record('pay-a', 'id-1');
    now = 500;
    memory.record('pay-a', 'id-2');
    now = 1000;
    expect(memory.take('pay-a')).toBe('id-2');
  });

  it('should forget the oldest first when full, taken ones included', () => {
    const memory = ids(2);
    memory.record('pay-a', 'id-1');
    memory.record('pay-b', 'id-2');
    expect(memory.take('pay-b')).toBe('id-2');
    memory.record('pay-c', 'id-3');
    expect(memory.take('pay-a')).toBeUndefined();
    expect(memory.take('pay-c')).toBe('id-3');
  });
});
