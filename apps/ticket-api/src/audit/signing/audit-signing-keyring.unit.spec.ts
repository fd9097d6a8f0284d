import { generateKeyPairSync, verify } from 'node:crypto';
import { AuditSigningKeyring, DEV_AUDIT_SIGNING_KEYS } from './audit-signing-keyring';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const seed = (byte: number) => Buffer.alloc(32, byte).toString('base64');

const verifies = (ring: AuditSigningKeyring, keyId: string, message: string, signature: string) => {
  const raw = Buffer.from(ring.publicKeys().find((k) => k.keyId === keyId)!.publicKey, 'base64');
  const key = { key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' } as const;
  return verify(null, Buffer.from(message), key, Buffer.from(signature, 'base64'));
};

describe('the audit signing keyring', () => {
  it('signs with the first key and lists every key, so exports signed before a rotation still verify', () => {
    const before = AuditSigningKeyring.parse(`k1:${seed(1)}`);
    const signedBefore = before.sign('the export');
    const retired = before.publicKeys()[0].publicKey;
    const after = AuditSigningKeyring.parse(`k2:${seed(2)},k1:public:${retired}`);

    expect(after.currentKeyId).toBe('k2');
    expect(after.publicKeys().map((k) => [k.keyId, k.current])).toEqual([
      ['k2', true],
      ['k1', false],
    ]);
    expect(verifies(after, 'k1', 'the export', signedBefore)).toBe(true);
    expect(verifies(after, 'k2', 'the export', after.sign('the export'))).toBe(true);
    expect(verifies(after, 'k2', 'the exporT', after.sign('the export'))).toBe(false);
  });

  it('derives the public key node:crypto would', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const rawSeed = privateKey
      .export({ format: 'der', type: 'pkcs8' })
      .subarray(16)
      .toString('base64');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
    expect(AuditSigningKeyring.parse(`k:${rawSeed}`).publicKeys()[0].publicKey).toBe(raw);
  });

  it.each([
    ['', /each entry/],
    ['k1', /each entry/],
    ['k1:c2hvcnQ=', /exactly 32 bytes/],
    [`k1:${seed(1)},k1:${seed(2)}`, /given twice/],
    [`k1:public:${seed(1)}`, /the first key signs/],
  ])('refuses %p', (text, message) => {
    expect(() => AuditSigningKeyring.parse(text)).toThrow(message);
  });

  it('parses the development default', () => {
    expect(AuditSigningKeyring.parse(DEV_AUDIT_SIGNING_KEYS).currentKeyId).toBe('dev');
  });
});
