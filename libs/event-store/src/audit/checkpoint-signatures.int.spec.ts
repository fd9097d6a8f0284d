import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { waitFor } from '../../../../test/setup/wait-for';
import { asDatabaseOwner } from '@test/support/audit';
import { scratchDatabase } from '@test/support/scratch-database';
import type { ScratchDatabase } from '@test/support/scratch-database';
import { writeCheckpoint } from './checkpoints';
import type { CheckpointSigner } from './checkpoints';
import { verifyEventChain } from './chain-verifier';

let db: ScratchDatabase;
let stream = 0;

const aSigner = (keyId: string): CheckpointSigner & { publicKey: KeyObject } => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { keyId, publicKey, sign: (message) => sign(null, Buffer.from(message), privateKey) };
};
const ours = aSigner('ours');
const keys = new Map([[ours.keyId, ours.publicKey]]);

/** A new stream, then checkpoints until one records it (a transaction open elsewhere holds the horizon). */
async function aSignedCheckpoint(signer: CheckpointSigner = ours): Promise<string> {
  stream += 1;
  await db.pool.query(
    `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
     VALUES ($1, 1, 'TestHappened', 1, '{}', '{}', now())`,
    [`s-${stream}`],
  );
  let id: string | undefined;
  await waitFor(
    `a checkpoint of s-${stream}`,
    async () => {
      id = (await writeCheckpoint(db.pool, 0, signer))?.id;
      return id !== undefined;
    },
    15_000,
    50,
  );
  return id!;
}

beforeAll(async () => {
  db = await scratchDatabase('audit_signatures');
});
afterAll(() => db.drop());

describe('signed checkpoints', () => {
  it('verify checks every signature with the keys given', async () => {
    await aSignedCheckpoint();
    await aSignedCheckpoint();
    const report = await verifyEventChain(db.pool, { publicKeys: keys });
    expect(report.failures).toEqual([]);
    expect(report.signedCheckpoints).toBe(report.checkpoints);
    expect(report.lastCheckpointAt).toMatch(/Z$/);
  });

  it('names a checkpoint an owner rewrote without the key, and one signed by a key not given', async () => {
    const rewritten = await aSignedCheckpoint();
    const stranger = await aSignedCheckpoint(aSigner('stranger'));
    const forged = await aSignedCheckpoint();
    await asDatabaseOwner(db.pool, async (c) => {
      await c.query('DELETE FROM audit_checkpoint_signatures WHERE checkpoint_id = $1', [
        rewritten,
      ]);
      await c.query(
        `UPDATE audit_checkpoint_signatures SET signature = $2 WHERE checkpoint_id = $1`,
        [forged, aSigner('ours').sign('anything')],
      );
    });
    const { failures } = await verifyEventChain(db.pool, { publicKeys: keys });
    expect(failures.map((f) => [f.kind, f.checkpointId])).toEqual([
      ['checkpoint-unsigned', rewritten],
      ['checkpoint-forged', stranger],
      ['checkpoint-forged', forged],
    ]);
    expect((await verifyEventChain(db.pool)).failures).toEqual([]);
  });
});
