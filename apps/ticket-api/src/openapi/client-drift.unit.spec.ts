import { readFileSync } from 'node:fs';
import { CLIENT_SCHEMA_FILE, generateClientSchema } from './client-schema';

describe('the typed client in libs/client', () => {
  it('is what openapi-typescript generates from the current API description (run npm run client:generate)', async () => {
    const committed = readFileSync(CLIENT_SCHEMA_FILE, 'utf8');
    expect(committed).toBe(await generateClientSchema());
  });
});
