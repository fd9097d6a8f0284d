import { randomBytes } from 'node:crypto';
import { DEV_DATA_MASTER_KEYS, MasterKeys } from './master-keys';

const aKey = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('MasterKeys (DATA_MASTER_KEYS)', () => {
  it('wraps with the first key and unwraps with whichever key wrapped', () => {
    const [old, current] = [aKey('k1'), aKey('k2')];
    const before = MasterKeys.parse(old);
    const dataKey = randomBytes(32);
    const wrapped = before.wrap(dataKey, 'acct-1:1');
    const rotated = MasterKeys.parse(`${current},${old}`);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.unwrap(wrapped, 'acct-1:1').equals(dataKey)).toBe(true);
    expect(rotated.wrap(dataKey, 'acct-1:1').masterKeyId).toBe('k2');
  });

  it("refuses a wrapped key given another account's context", () => {
    const keys = MasterKeys.parse(DEV_DATA_MASTER_KEYS);
    const wrapped = keys.wrap(randomBytes(32), 'acct-1:1');
    expect(() => keys.unwrap(wrapped, 'acct-2:1')).toThrow();
  });

  it('names the key it does not have', () => {
    const wrapped = MasterKeys.parse(aKey('gone')).wrap(randomBytes(32), 'a:1');
    expect(() => MasterKeys.parse(DEV_DATA_MASTER_KEYS).unwrap(wrapped, 'a:1')).toThrow(/"gone"/);
  });

  it.each([
    ['no id', `:${randomBytes(32).toString('base64')}`],
    ['a short key', `k:${randomBytes(16).toString('base64')}`],
    ['an id twice', `${aKey('k')},${aKey('k')}`],
  ])('refuses %s', (_what, text) => {
    expect(() => MasterKeys.parse(text)).toThrow(/^DATA_MASTER_KEYS: /);
  });
});
