import type { Pool } from 'pg';
import { assertSchemaName, DEFAULT_READ_MODEL_SCHEMA } from '../schema/read-model-schema';

/** A reader of the read model's tables in one schema (READ_MODEL_SCHEMA), checked before it is spliced in. */
export abstract class SchemaReader {
  protected readonly schema: string;

  constructor(
    protected readonly pool: Pool,
    schema = DEFAULT_READ_MODEL_SCHEMA,
  ) {
    this.schema = assertSchemaName(schema);
  }

  /** A named prepared statement: parsed and planned once per connection, then only bound and run. */
  protected statement(name: string): string {
    return `${this.schema}.${name}`;
  }
}
