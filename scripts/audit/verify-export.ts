// Checks a ticket history export offline (docs/audit.md). No project imports: `node verify-export.ts` or `npx tsx`.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const USAGE = `usage: verify-export.ts <export.json> (--keys <keys.json> | --public-key <keyId>:<base64>)
  keys.json: the answer of GET /api/audit/keys`;

const ZERO_HASH = '0'.repeat(64);
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

interface ExportedEvent {
  eventId: string;
  streamId: string;
  version: number;
  globalPosition: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  data: unknown;
  metadata: unknown;
  prevHash: string | null;
  hash: string | null;
}

interface HistoryExport {
  format: string;
  ticketId: number;
  accountId: string;
  exportedAt: string;
  chain: { encoding: string; eventCount: number; headVersion: number; headHash: string | null };
  events: ExportedEvent[];
  signature: { algorithm: string; keyId: string; value: string };
}

/** A JSON value as PostgreSQL prints jsonb: keys by UTF-8 length then bytes, `, ` and `: `. */
function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`a number the chain cannot hold: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [Buffer.from(k, 'utf8'), k, v] as const)
      .sort(([a], [b]) => a.length - b.length || Buffer.compare(a, b));
    return `{${entries.map(([, k, v]) => `${JSON.stringify(k)}: ${canonicalJson(v)}`).join(', ')}}`;
  }
  throw new Error(`not a JSON value: ${typeof value}`);
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function eventHash(prevHash: string | null, e: ExportedEvent): string {
  return sha256Hex(
    canonicalJson([
      'event/1',
      prevHash ?? ZERO_HASH,
      e.eventId,
      e.streamId,
      e.version,
      e.globalPosition,
      e.type,
      e.schemaVersion,
      e.occurredAt,
      e.recordedAt,
      e.data,
      e.metadata,
    ]),
  );
}

function signingText(x: HistoryExport): string {
  return canonicalJson([
    x.format,
    x.ticketId,
    x.accountId,
    x.exportedAt,
    x.signature.keyId,
    x.chain.eventCount,
    x.chain.headVersion,
    x.chain.headHash,
  ]);
}

const named = (e: ExportedEvent): string => `event v${e.version} (${e.type}, ${e.eventId})`;

/** What was altered, one line each; empty when the export is as signed. */
function checkExport(x: HistoryExport, publicKeys: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  if (x.format !== 'ticket-history-export/1') problems.push(`unknown format ${String(x.format)}`);
  const raw = publicKeys.get(x.signature?.keyId);
  let signed = false;
  if (x.signature?.algorithm !== 'Ed25519') {
    problems.push(`signature: algorithm ${String(x.signature?.algorithm)} is not Ed25519`);
  } else if (!raw) {
    problems.push(`signature: no public key "${x.signature.keyId}" among the keys given`);
  } else {
    const key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, raw]),
      format: 'der',
      type: 'spki',
    });
    signed = verify(
      null,
      Buffer.from(signingText(x), 'utf8'),
      key,
      Buffer.from(x.signature.value, 'base64'),
    );
    if (!signed)
      problems.push(
        'signature: does not verify: the ticket, account, export time, key id, chain summary or signature was altered',
      );
  }

  let computed: string | null = null;
  const altered: string[] = [];
  for (const [index, e] of x.events.entries()) {
    if (e.version !== index + 1) {
      problems.push(
        `${named(e)} is at position ${index + 1}: an event was deleted, inserted or reordered before it`,
      );
    }
    if ((e.prevHash ?? null) !== (index === 0 ? null : computed)) {
      altered.push(`${named(e)}: its listed prevHash was altered`);
    }
    const hash = eventHash(computed, e);
    if (hash !== e.hash) altered.push(`${named(e)}: hash ${hash} but ${String(e.hash)} listed`);
    computed = hash;
  }
  const last = x.events[x.events.length - 1];
  const headMatches = computed === x.chain.headHash;
  if (x.chain.eventCount !== x.events.length)
    problems.push(`chain: ${x.chain.eventCount} events signed, ${x.events.length} in the export`);
  if (last && x.chain.headVersion !== last.version)
    problems.push(`chain: head v${x.chain.headVersion} signed, the last event is v${last.version}`);
  if (altered.length > 0) {
    // with the chain head as signed, the events are intact and only their listed hashes were touched
    const first = altered[0];
    problems.push(
      headMatches && signed
        ? `${first.split(':')[0]}: its listed hash was altered (the content is as signed)`
        : `${first.split(':')[0]} was altered: its content no longer hashes to the chain (${first.split(': ')[1]})`,
    );
    problems.push(...altered.slice(1).map((line) => `  then ${line}`));
  } else if (!headMatches) {
    problems.push(
      'chain: the events do not end at the signed head: the events and their hashes were rewritten',
    );
  }
  return problems;
}

function publicKeysFrom(args: string[]): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const file = at('--keys');
  if (file) {
    const { items } = JSON.parse(readFileSync(file, 'utf8')) as {
      items: { keyId: string; publicKey: string }[];
    };
    for (const item of items) keys.set(item.keyId, Buffer.from(item.publicKey, 'base64'));
  }
  const one = at('--public-key');
  if (one)
    keys.set(
      one.slice(0, one.indexOf(':')),
      Buffer.from(one.slice(one.indexOf(':') + 1), 'base64'),
    );
  for (const [id, raw] of keys)
    if (raw.length !== 32) throw new Error(`the public key "${id}" is not 32 bytes of base64`);
  return keys;
}

function main(args: string[]): number {
  const file = args[0];
  let keys: Map<string, Buffer>;
  try {
    keys = publicKeysFrom(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!file || file.startsWith('--') || keys.size === 0) {
    console.error(USAGE);
    return 2;
  }
  let x: HistoryExport;
  let problems: string[];
  try {
    x = JSON.parse(readFileSync(file, 'utf8')) as HistoryExport;
    if (!Array.isArray(x?.events) || typeof x.chain !== 'object' || typeof x.signature !== 'object')
      throw new Error('it has no events, chain or signature');
    problems = checkExport(x, keys);
  } catch (error) {
    console.error(`not a ticket history export: ${file}: ${(error as Error).message}`);
    return 2;
  }
  if (problems.length === 0) {
    console.log(
      `verified: ticket ${x.ticketId} of account ${x.accountId}, ${x.events.length} events, head ` +
        `v${x.chain.headVersion} ${String(x.chain.headHash)}, exported ${x.exportedAt}, signed by ${x.signature.keyId}`,
    );
    return 0;
  }
  console.log(`ALTERED: ${file}\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
