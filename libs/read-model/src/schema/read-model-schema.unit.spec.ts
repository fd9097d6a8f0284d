import { DatabaseConfig } from '@app/platform/config/common.config';
import { InvalidConfigError, validateConfig } from '@app/platform/config/validate-config';
import {
  assertSchemaName,
  DEFAULT_READ_MODEL_SCHEMA,
  IsReadModelSchema,
} from './read-model-schema';

class ServiceConfig extends DatabaseConfig {
  @IsReadModelSchema()
  READ_MODEL_SCHEMA: string = DEFAULT_READ_MODEL_SCHEMA;
}

describe('READ_MODEL_SCHEMA', () => {
  it('defaults to the schema the migrations create', () => {
    const config = validateConfig(ServiceConfig, { DATABASE_URL: 'postgres://x' });
    expect(config.READ_MODEL_SCHEMA).toBe('read_model');
  });

  it('takes another plain schema name, for an independent read model', () => {
    const config = validateConfig(ServiceConfig, {
      DATABASE_URL: 'postgres://x',
      READ_MODEL_SCHEMA: 'read_model_b',
    });
    expect(config.READ_MODEL_SCHEMA).toBe('read_model_b');
  });

  it('refuses at start-up a name that could not be spliced into SQL as it is', () => {
    for (const bad of ['Read_Model', 'read-model', 'rm; DROP TABLE events', '1schema', '']) {
      expect(() =>
        validateConfig(ServiceConfig, { DATABASE_URL: 'postgres://x', READ_MODEL_SCHEMA: bad }),
      ).toThrow(InvalidConfigError);
      expect(() => assertSchemaName(bad)).toThrow(/not a plain schema name/);
    }
  });
});
