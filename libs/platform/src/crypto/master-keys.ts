import { IsKeyList, openWith, parseKeyList, sealWith } from './keyring';

/** The public development master key of `npm start` and the tests; the Helm chart refuses it. */
export const DEV_DATA_MASTER_KEYS = 'dev:ZGF0YS1tYXN0ZXIta2V5LWZvci1kZXYtb25seSEhISE=';

/** A data key as its row holds it: wrapped (AES-256-GCM) by the master key named by its id. */
export interface WrappedKey {
  readonly masterKeyId: string;
  readonly wrapped: Buffer;
}

/**
 * `DATA_MASTER_KEYS`: the first wraps every new account data key, every one unwraps the keys wrapped with
 * it, so a master key is rotated by putting a new one first and running `audit -- rewrap-data-keys`.
 */
export class MasterKeys {
  private constructor(
    private readonly keys: Map<string, Buffer>,
    readonly currentKeyId: string,
  ) {}

  static parse(text: string): MasterKeys {
    const keys = parseKeyList(text);
    if (typeof keys === 'string') throw new Error(`DATA_MASTER_KEYS: ${keys}`);
    return new MasterKeys(keys, [...keys.keys()][0]);
  }

  /** `context` (account and generation) is authenticated: a wrapped key copied to another row fails. */
  wrap(dataKey: Buffer, context: string): WrappedKey {
    const key = this.keys.get(this.currentKeyId)!;
    return { masterKeyId: this.currentKeyId, wrapped: sealWith(key, dataKey, context) };
  }

  unwrap({ masterKeyId, wrapped }: WrappedKey, context: string): Buffer {
    const key = this.keys.get(masterKeyId);
    if (!key)
      throw new Error(`no data master key "${masterKeyId}" is configured (DATA_MASTER_KEYS)`);
    return openWith(key, wrapped, context);
  }
}

/** A config property holding `DATA_MASTER_KEYS`: refused at start, naming what is wrong. */
export const IsDataMasterKeys = (): PropertyDecorator => IsKeyList('isDataMasterKeys');
