import { randomBytes } from 'node:crypto';
import {
  IsWebhookSecretKeys,
  UnknownSecretKeyError,
  WebhookSecretKeyring,
} from './webhook-secret-keyring';
import { validateSync } from 'class-validator';

const aKey = () => randomBytes(32).toString('base64');

describe('the webhook secret keyring', () => {
  const [k1, k2] = [aKey(), aKey()];

  it('seals with the current key and never stores the secret in the clear', () => {
    const ring = WebhookSecretKeyring.parse(`k2:${k2},k1:${k1}`);
    const sealed = ring.seal('whsec_c2VjcmV0', 'acct-1');
    expect(sealed.keyId).toBe('k2');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain('whsec_');
    expect(ring.open(sealed, 'acct-1')).toBe('whsec_c2VjcmV0');
  });

  it('opens secrets sealed with an older key after a rotation', () => {
    const before = WebhookSecretKeyring.parse(`k1:${k1}`).seal('whsec_b2xk', 'acct-1');
    const rotated = WebhookSecretKeyring.parse(`k2:${k2},k1:${k1}`);
    expect(rotated.open(before, 'acct-1')).toBe('whsec_b2xk');
    const retired = WebhookSecretKeyring.parse(`k2:${k2}`);
    expect(() => retired.open(before, 'acct-1')).toThrow(UnknownSecretKeyError);
  });

  it('refuses a ciphertext moved to another account or tampered with', () => {
    const ring = WebhookSecretKeyring.parse(`k1:${k1}`);
    const sealed = ring.seal('whsec_eA', 'acct-1');
    expect(() => ring.open(sealed, 'acct-2')).toThrow();
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() =>
      ring.open({ ...sealed, ciphertext: bytes.toString('base64') }, 'acct-1'),
    ).toThrow();
  });

  it.each([
    ['', 'each entry'],
    ['k1', 'each entry'],
    [`k1:${randomBytes(16).toString('base64')}`, 'exactly 32'],
    [`k 1:${aKey()}`, 'each entry'],
    [`k1:${k1},k1:${k2}`, 'twice'],
  ])('refuses WEBHOOK_SECRET_KEYS=%j at start', (value, message) => {
    class Config {
      @IsWebhookSecretKeys()
      WEBHOOK_SECRET_KEYS!: string;
    }
    const config = Object.assign(new Config(), { WEBHOOK_SECRET_KEYS: value });
    expect(JSON.stringify(validateSync(config))).toContain(message);
    expect(() => WebhookSecretKeyring.parse(value)).toThrow(message);
  });

  it('requires WEBHOOK_SECRET_KEYS', () => {
    class Config {
      @IsWebhookSecretKeys()
      WEBHOOK_SECRET_KEYS!: string;
    }
    expect(JSON.stringify(validateSync(new Config()))).toContain('is required');
  });
});
