import { PeerIds } from './peer-ids';

describe(PeerIds.name, () => {
  it('should know a peer by the id its answer gives, and by that id only', () => {
    const ids = new PeerIds();
    ids.learn('127.0.0.1:5001', '{"message":"Block added","node":"abc123"}');
    expect(ids.is('127.0.0.1:5001', 'abc123')).toBe(true);
    expect(ids.is('127.0.0.1:5001', 'other')).toBe(false);
    expect(ids.is('127.0.0.1:5001', undefined)).toBe(false);
    expect(ids.is('127.0.0.1:5002', 'abc123')).toBe(false);
  });

  it.each([
    ['no JSON', '<h1>Not Found</h1>'],
    ['no id', '{"message":"Block added"}'],
    ['an id that is not a string', '{"node":7}'],
    ['an id with other characters', '{"node":"a b"}'],
    ['an id too long', `{"node":"${'a'.repeat(65)}"}`],
  ])('should learn nothing from an answer with %s', (_case, body) => {
    const ids = new PeerIds();
    ids.learn('peer', body);
    expect(ids.is('peer', 'a b')).toBe(false);
    expect(ids.is('peer', 'a'.repeat(65))).toBe(false);
  });

  it('should take a newer id over an older one', () => {
    const ids = new PeerIds();
    ids.learn('peer', '{"node":"before"}');
    ids.learn('peer', '{"node":"after"}');
    expect(ids.is('peer', 'before')).toBe(false);
    expect(ids.is('peer', 'after')).toBe(true);
  });

  it('should forget the peer heard from longest ago once it holds 1,000', () => {
    const ids = new PeerIds();
    for (let peer = 0; peer < 1000; peer++) ids.learn(`peer-${peer}`, `{"node":"id-${peer}"}`);
    ids.learn('peer-0', '{"node":"id-0"}');
    ids.learn('peer-1000', '{"node":"id-1000"}');
    expect(ids.is('peer-0', 'id-0')).toBe(true);
    expect(ids.is('peer-1', 'id-1')).toBe(false);
    expect(ids.is('peer-1000', 'id-1000')).toBe(true);
  });
});
