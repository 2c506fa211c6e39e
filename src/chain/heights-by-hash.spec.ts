import { HeightsByHash } from './heights-by-hash';

const hash = (prefix: string) => prefix.padEnd(64, '0');

describe(HeightsByHash.name, () => {
  it('should give nothing for a hash never added', () => {
    expect(new HeightsByHash().candidates(hash('abc'))).toEqual([]);
  });

  it("should give a hash's height", () => {
    const heights = new HeightsByHash();
    heights.add(hash('1234567'), 7);
    heights.add(hash('89abcde'), 8);
    expect(heights.candidates(hash('1234567'))).toEqual([7]);
    expect(heights.candidates(hash('89abcde'))).toEqual([8]);
  });

  it('should give every height of hashes that share their first digits, each once', () => {
    const heights = new HeightsByHash();
    heights.add(hash('fedcba9'), 3);
    heights.add(`${'fedcba9'}${'1'.repeat(57)}`, 5);
    heights.add(hash('fedcba9'), 3);
    heights.add(`${'fedcba9'}${'2'.repeat(57)}`, 9);
    heights.add(`${'fedcba9'}${'2'.repeat(57)}`, 9);
    expect(heights.candidates(hash('fedcba9'))).toEqual([3, 5, 9]);
  });

  it('should keep a height added again under the same key once', () => {
    const heights = new HeightsByHash();
    heights.add(hash('0000001'), 4);
    heights.add(hash('0000001'), 4);
    expect(heights.candidates(hash('0000001'))).toEqual([4]);
  });
});
