import { Matches } from 'class-validator';

/** A lower-case SQL identifier, safe to splice into statements as a schema name. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Where the migrations create the read model; READ_MODEL_SCHEMA names another one. */
export const DEFAULT_READ_MODEL_SCHEMA = 'read_model';

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  return schema;
}

/** Validates a READ_MODEL_SCHEMA setting: every service that writes or reads the read model takes one. */
export const IsReadModelSchema = (): PropertyDecorator =>
  Matches(SCHEMA_NAME, { message: '$property must be a plain schema name' });
