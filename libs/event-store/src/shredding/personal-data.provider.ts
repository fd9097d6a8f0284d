import type { Pool } from 'pg';
import { MasterKeys } from '@app/platform/crypto/master-keys';
import { DataKeys } from './data-keys';
import { PersonalDataCodec } from './personal-data.codec';
import type { PersonalFields } from './personal-data.codec';

export const PERSONAL_DATA_CODEC = Symbol('PERSONAL_DATA_CODEC');

export interface PersonalDataConfig {
  readonly DATABASE_URL: string;
  readonly DATA_MASTER_KEYS: string;
  /** false: new data is stored in the clear (a rolling upgrade's first step); sealed data still opens. */
  readonly PERSONAL_DATA_SEALING?: boolean;
}

/** One codec per process and pool: its key cache is what keeps reads and appends free of key queries. */
export const personalDataCodec = (
  pool: Pool,
  config: PersonalDataConfig,
  fields: PersonalFields,
  onError?: (error: unknown) => void,
): PersonalDataCodec =>
  new PersonalDataCodec(
    new DataKeys(pool, config.DATABASE_URL, MasterKeys.parse(config.DATA_MASTER_KEYS), onError),
    fields,
    config.PERSONAL_DATA_SEALING ?? true,
  );

/** The codec under its token, its LISTEN connection opened at start and closed at shutdown. */
export const personalDataProviders = (codec: PersonalDataCodec) => [
  { provide: PERSONAL_DATA_CODEC, useValue: codec },
  {
    provide: 'PERSONAL_DATA_LIFECYCLE',
    useValue: {
      onModuleInit: () => codec.keys.listen().catch(() => undefined),
      beforeApplicationShutdown: () => codec.keys.close(),
    },
  },
];
