import { knownVersions } from './ticket-request';

describe('knownVersions (If-None-Match)', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['*', []],
    ['"3"', [3]],
    ['W/"3"', [3]],
    ['"2", "3"', [2, 3]],
    [
      ['"4"', '"5"'],
      [4, 5],
    ],
    ['"abc", "7"', [7]],
  ])('reads %j as %j', (header, versions) => {
    expect(knownVersions(header)).toEqual(versions);
  });
});
