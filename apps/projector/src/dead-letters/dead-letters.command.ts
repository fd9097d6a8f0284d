import type { Pool } from 'pg';
import type { PersonalDataCodec } from '@app/event-store';
import { DEFAULT_READ_MODEL_SCHEMA } from '@app/read-model';
import { ticketEventStore } from '@app/ticket-store';
import { DeadLetters } from '../projection/dead-letters';
import { TicketProjector } from '../projection/ticket-projector';
import { DeadLetterRetry } from './dead-letter-retry';

export const DEAD_LETTERS_USAGE = `  projector dead-letters list [--group <consumer group>]
  projector dead-letters retry <id> | --all [--group <consumer group>]`;

export interface DeadLettersArgs {
  readonly action: string | undefined;
  readonly id: string | undefined;
  readonly all: boolean;
  readonly group: string;
  readonly topic: string;
}

/** `projector dead-letters ...`: returns what to print and whether every retry succeeded. */
export async function deadLettersCommand(
  pool: Pool,
  codec: PersonalDataCodec,
  args: DeadLettersArgs,
): Promise<{ output: string; ok: boolean }> {
  const letters = new DeadLetters(pool, args.group, DEFAULT_READ_MODEL_SCHEMA);
  if (args.action === 'list' && !args.id) {
    const rows = await letters.list();
    const lines = rows.map((l) =>
      [
        l.id,
        `${l.topic}/${l.partition}@${l.offset}`,
        l.key ?? '-',
        l.readModelSchema ?? DEFAULT_READ_MODEL_SCHEMA,
        l.failedAt.toISOString(),
        l.error,
      ].join('\t'),
    );
    return { output: lines.length ? lines.join('\n') : 'no dead letters', ok: true };
  }
  if (args.action === 'retry' && (args.all ? !args.id : /^\d+$/.test(args.id ?? ''))) {
    const store = ticketEventStore(pool, args.topic, codec);
    const retry = new DeadLetterRetry(
      letters,
      (schema) => new TicketProjector(pool, store, schema ?? DEFAULT_READ_MODEL_SCHEMA, codec),
    );
    const chosen = await letters.list(args.all ? undefined : args.id);
    if (!args.all && chosen.length === 0) throw new Error(`no dead letter ${args.id}`);
    const lines: string[] = [];
    let ok = true;
    for (const letter of chosen) {
      const { outcome, error } = await retry.retry(letter);
      ok &&= outcome !== 'failed';
      lines.push(`${letter.id}\t${outcome}${error ? `\t${error}` : ''}`);
    }
    return { output: lines.length ? lines.join('\n') : 'no dead letters', ok };
  }
  throw new Error(`usage:\n${DEAD_LETTERS_USAGE}`);
}
