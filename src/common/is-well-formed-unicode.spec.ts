import { validateSync } from 'class-validator';
import { IsWellFormedUnicode } from './is-well-formed-unicode';

class Named {
  @IsWellFormedUnicode()
  name: unknown;
}

function problems<T extends object>(target: T): string[] {
  return validateSync(target).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe(IsWellFormedUnicode.name, () => {
  it.each([
    ['ASCII', 'alice'],
    ['an empty string', ''],
    ['accents and CJK', 'Zoë 北京'],
    ['a surrogate pair', 'a😀b'],
    ['a replacement character', 'a\ufffd'],
  ])('should pass %s', (_case, name) => {
    expect(problems(Object.assign(new Named(), { name }))).toEqual([]);
  });

  it.each([
    ['a lone high surrogate', 'a\ud800'],
    ['a lone low surrogate', '\udc00b'],
    ['a pair in the wrong order', '\ude00\ud83d'],
    ['a high surrogate followed by another', '\ud83d\ud83d\ude00'],
  ])('should refuse %s, naming the field', (_case, name) => {
    expect(problems(Object.assign(new Named(), { name }))).toEqual([
      'name must be well-formed Unicode (it holds a lone surrogate)',
    ]);
  });

  it('should leave values that are not strings to @IsString', () => {
    for (const name of [7, null, undefined, ['a\ud800'], { a: '\ud800' }]) {
      expect(problems(Object.assign(new Named(), { name }))).toEqual([]);
    }
  });
});
