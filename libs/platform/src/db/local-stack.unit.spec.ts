import { cliDatabaseUrl } from './local-stack';

describe('the database a command-line tool connects to', () => {
  it('is DATABASE_URL when it is set', () => {
    expect(cliDatabaseUrl({ DATABASE_URL: 'postgres://u:p@db:5432/x', PG_PORT: '1' })).toBe(
      'postgres://u:p@db:5432/x',
    );
  });

  it("is the npm start stack's database when nothing is set", () => {
    expect(cliDatabaseUrl({})).toBe('postgres://tickets:tickets@127.0.0.1:55432/tickets');
  });

  it('follows PG_PORT, as the scripts that start the stack do', () => {
    expect(cliDatabaseUrl({ PG_PORT: '57532' })).toBe(
      'postgres://tickets:tickets@127.0.0.1:57532/tickets',
    );
  });
});
