import { HttpConfig } from './common.config';
import { InvalidConfigError, validateConfig } from './validate-config';

describe('validateConfig', () => {
  it('turns numeric environment strings into numbers and keeps defaults', () => {
    const config = validateConfig(HttpConfig, { DATABASE_URL: 'postgres://x', PORT: '13001' });
    expect(config.PORT).toBe(13001);
    expect(config.DATABASE_POOL_SIZE).toBe(10);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it("reads a boolean variable's 'false' as false and 'true' as true (not Boolean('false'))", () => {
    const off = validateConfig(HttpConfig, {
      DATABASE_URL: 'postgres://x',
      PERSONAL_DATA_SEALING: 'false',
    });
    const on = validateConfig(HttpConfig, {
      DATABASE_URL: 'postgres://x',
      PERSONAL_DATA_SEALING: 'true',
    });
    expect([off.PERSONAL_DATA_SEALING, on.PERSONAL_DATA_SEALING]).toEqual([false, true]);
    expect(validateConfig(HttpConfig, { DATABASE_URL: 'postgres://x' }).PERSONAL_DATA_SEALING).toBe(
      true,
    );
  });

  it('fails at start-up naming every bad variable', () => {
    expect(() => validateConfig(HttpConfig, { PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(
      InvalidConfigError,
    );
    expect(() => validateConfig(HttpConfig, { PORT: 'eighty' })).toThrow(
      /DATABASE_URL.*PORT|PORT.*DATABASE_URL/,
    );
  });
});
