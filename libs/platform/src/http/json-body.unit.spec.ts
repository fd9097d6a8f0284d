import { jsonNestingDepth, MAX_JSON_DEPTH } from './json-body';

describe('jsonNestingDepth', () => {
  it.each([
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['"[[[[["', 0],
    ['{"a":"\\"[[[["}', 1],
    ['[[],[],[[]]]', 3],
  ])('counts %s as %i deep', (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });

  it('counts 100,000 nested arrays without recursion', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonNestingDepth(text)).toBe(100_000);
    expect(jsonNestingDepth(text)).toBeGreaterThan(MAX_JSON_DEPTH);
  });
});
