import { IsKeyList, openWith, parseKeyList, sealWith } from '@app/platform/crypto/keyring';

/** A signing secret at rest: AES-256-GCM as base64 of nonce (12 bytes), tag (16) and ciphertext. */
export interface SealedSecret {
  readonly ciphertext: string;
  readonly keyId: string;
}

export class UnknownSecretKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`no webhook secret key "${keyId}" is configured (WEBHOOK_SECRET_KEYS)`);
    this.name = 'UnknownSecretKeyError';
  }
}

/**
 * The keys webhook secrets are encrypted with: the first seals every new secret, every one opens the
 * secrets sealed with it, so a key can be rotated in by putting it first and retired once no row uses it.
 */
export class WebhookSecretKeyring {
  private constructor(
    private readonly keys: Map<string, Buffer>,
    readonly currentKeyId: string,
  ) {}

  /** `id:base64key[,id:base64key...]`, the current key first. */
  static parse(text: string): WebhookSecretKeyring {
    const keys = parseKeyList(text);
    if (typeof keys === 'string') throw new Error(`WEBHOOK_SECRET_KEYS: ${keys}`);
    return new WebhookSecretKeyring(keys, [...keys.keys()][0]);
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** `context` (the endpoint's account) is authenticated with it: a ciphertext copied to another row fails. */
  seal(secret: string, context: string): SealedSecret {
    const key = this.keys.get(this.currentKeyId)!;
    const sealed = sealWith(key, Buffer.from(secret, 'utf8'), context);
    return { ciphertext: sealed.toString('base64'), keyId: this.currentKeyId };
  }

  open(sealed: SealedSecret, context: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new UnknownSecretKeyError(sealed.keyId);
    return openWith(key, Buffer.from(sealed.ciphertext, 'base64'), context).toString('utf8');
  }
}

/** A config property holding `WEBHOOK_SECRET_KEYS`: refused at start, naming what is wrong. */
export const IsWebhookSecretKeys = (): PropertyDecorator => IsKeyList('isWebhookSecretKeys');
