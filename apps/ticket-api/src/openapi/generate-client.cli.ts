import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { CLIENT_SCHEMA_FILE, generateClientSchema } from './client-schema';

generateClientSchema()
  .then((schema) => {
    writeFileSync(CLIENT_SCHEMA_FILE, schema);
    console.log(`wrote ${CLIENT_SCHEMA_FILE}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
