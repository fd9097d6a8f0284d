import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { DEV_DATA_MASTER_KEYS } from '@app/platform/crypto/master-keys';
import { ticketPersonalData } from '@app/ticket-store';
import { forgetAccountCommand, isAccountId } from './forget-account/forget-account.command';
import { replayCommand } from './replay/replay.command';
import { verifyCommand } from './verify/verify.command';
import {
  AuditSigningKeyring,
  DEV_AUDIT_SIGNING_KEYS,
  publicKeysFromListing,
} from './signing/audit-signing-keyring';

export const USAGE = `usage:
  audit verify [--ticket <id>] [--json] [--keys <keys.json> | --skip-signatures]
      recompute the hash chains and checkpoints and check the checkpoints' signatures (docs/audit.md):
      with the public keys of keys.json (GET /api/audit/keys), else those of AUDIT_SIGNING_KEYS
  audit replay --ticket <id>              each event with its time, actor and what it changed
  audit forget-account <account id>       crypto-shredding: destroys the account's data keys, records
      AccountDataErased and blanks the plaintext kept beside the events (docs/audit.md)
  audit rewrap-data-keys                  wraps every account data key with the first DATA_MASTER_KEYS key

  DATABASE_URL names the database (default: the one \`npm start\` runs).`;

/** A refusal of the command line: printed with the usage, and the process exits 2. */
export class AuditCommandError extends Error {
  override readonly name = 'AuditCommandError';
}

export interface AuditOutcome {
  output: string;
  exitCode: 0 | 1;
}

const ticketId = (raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new AuditCommandError('--ticket must be a ticket id');
  return id;
};

/** The keys of a listing file, else those ticket-api signs with (AUDIT_SIGNING_KEYS, or its default). */
function verifyingKeys(file: string | undefined): Map<string, KeyObject> {
  if (file) return publicKeysFromListing(JSON.parse(readFileSync(file, 'utf8')));
  return AuditSigningKeyring.parse(
    process.env.AUDIT_SIGNING_KEYS || DEV_AUDIT_SIGNING_KEYS,
  ).verifyingKeys();
}

/** The codec ticket-api seals with (DATA_MASTER_KEYS, or its default); a command line keeps no key cache. */
const personalData = (pool: Pool) =>
  ticketPersonalData(pool, {
    DATABASE_URL: '',
    DATA_MASTER_KEYS: process.env.DATA_MASTER_KEYS || DEV_DATA_MASTER_KEYS,
  });

export async function runAuditCommand(
  pool: Pool,
  argv: string[],
  progress: (line: string) => void = () => undefined,
): Promise<AuditOutcome> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ticket: { type: 'string' },
        json: { type: 'boolean', default: false },
        keys: { type: 'string' },
        'skip-signatures': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new AuditCommandError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals[0] === 'verify' && positionals.length === 1) {
    const { output, ok } = await verifyCommand(
      pool,
      {
        ticketId: ticketId(values.ticket),
        json: values.json,
        publicKeys: values['skip-signatures'] ? undefined : verifyingKeys(values.keys),
      },
      progress,
    );
    return { output, exitCode: ok ? 0 : 1 };
  }
  if (positionals[0] === 'replay' && positionals.length === 1) {
    const id = ticketId(values.ticket);
    if (id === undefined) throw new AuditCommandError('replay needs --ticket <id>');
    const lines: string[] = [];
    const found = await replayCommand(pool, id, (text) => lines.push(text), personalData(pool));
    return { output: lines.join('\n'), exitCode: found ? 0 : 1 };
  }
  if (positionals[0] === 'forget-account' && positionals.length === 2) {
    const accountId = positionals[1];
    if (!isAccountId(accountId)) {
      throw new AuditCommandError(
        'forget-account needs an account id (1-64 letters, digits, - or _)',
      );
    }
    const topic = process.env.TICKET_EVENTS_TOPIC ?? 'ticket-events';
    return {
      output: await forgetAccountCommand(pool, personalData(pool), accountId, topic),
      exitCode: 0,
    };
  }
  if (positionals[0] === 'rewrap-data-keys' && positionals.length === 1) {
    const rewrapped = await personalData(pool).keys.rewrap();
    return { output: `${rewrapped} data key(s) wrapped with the current master key`, exitCode: 0 };
  }
  throw new AuditCommandError(`unknown command: ${positionals.join(' ') || '(none)'}`);
}
