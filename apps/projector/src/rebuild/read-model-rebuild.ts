import type { Pool, PoolClient } from 'pg';
import type { PersonalDataCodec } from '@app/event-store';
import { ticketStreamId } from '@app/domain';
import { withTransaction } from '@app/platform/db/database';
import {
  analyzeReadModel,
  assertSchemaName,
  behindTheLive,
  behindTheStore,
  cloneReadModelSchema,
  countTickets,
  dropReadModelSchema,
  lockForSwap,
  projectTicketEvent,
  readModelVersion,
  swapReadModelSchemas,
  verify,
} from '@app/read-model';
import type { Verification } from '@app/read-model';
import { applyInOrder } from '../projection/ticket-projector';
import { EventLogReader } from './event-log.reader';
import type { LoggedEvent } from './event-log.reader';

/** Session advisory lock class: one rebuild of a schema at a time. */
const REBUILD_LOCK = 7_340_011;

export interface RebuildOptions {
  /** The live read model schema to replace. */
  readonly schema: string;
  /** Parallel database sessions for the bulk projection; a ticket always goes to the same one. */
  readonly workers: number;
  /** Events read from the store per page. */
  readonly pageSize: number;
  readonly keepOld: boolean;
  readonly log: (line: string) => void;
}

export interface RebuildReport {
  readonly schema: string;
  readonly events: number;
  readonly tickets: number;
  readonly bulkSeconds: number;
  readonly eventsPerSecond: number;
  readonly indexSeconds: number;
  /** Events appended while the bulk pass ran, applied before the swap. */
  readonly caughtUp: number;
  /** Events applied inside the swap transaction, with the live projector held back. */
  readonly caughtUpDuringSwap: number;
  /** How long the live projector was held back; reads never wait. */
  readonly swapMilliseconds: number;
  readonly totalSeconds: number;
  /** What the full verification before the swap compared with the store. */
  readonly verified: Omit<Verification, 'mismatches'>;
  readonly oldSchema: string | null;
}

export class VerificationFailedError extends Error {
  constructor(readonly verification: Verification) {
    super(
      `the rebuilt read model does not match the event store for ${verification.mismatches.length} ticket(s), ` +
        `e.g. ${JSON.stringify(verification.mismatches.slice(0, 3))}`,
    );
    this.name = 'VerificationFailedError';
  }
}

interface WorkerState {
  readonly client: PoolClient;
  readonly versions: Map<number, number>;
}

const seconds = (since: number): number => Math.round(performance.now() - since) / 1000;

/**
 * Rebuilds a read model from the event store into `<schema>_next` while `<schema>` keeps serving, verifies it
 * against the store, and swaps the schemas by renaming them in one short transaction. Events appended during
 * the rebuild are caught up twice: once after the bulk pass, and again inside the swap transaction, which
 * holds the live projector back so that nothing is written to the tables being swapped out.
 */
export class ReadModelRebuild {
  private readonly reader: EventLogReader;

  constructor(
    private readonly pool: Pool,
    codec?: PersonalDataCodec,
  ) {
    this.reader = new EventLogReader(pool, codec);
  }

  async run(options: RebuildOptions): Promise<RebuildReport> {
    const schema = assertSchemaName(options.schema);
    const next = assertSchemaName(`${schema}_next`);
    const started = performance.now();
    const guard = await this.pool.connect();
    try {
      const { rows } = await guard.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [REBUILD_LOCK, schema],
      );
      if (!rows[0].locked) throw new Error(`another rebuild of ${schema} is running`);
      const deferredIndexes = await withTransaction(this.pool, async (client) => {
        await dropReadModelSchema(client, next);
        return cloneReadModelSchema(client, schema, next);
      });
      options.log(`created ${next} with the tables of ${schema}`);

      const bulkStarted = performance.now();
      const bulk = await this.projectAll(next, options);
      const bulkSeconds = seconds(bulkStarted);
      const eventsPerSecond = Math.round(bulk.events / Math.max(bulkSeconds, 0.001));
      options.log(
        `projected ${bulk.events} events of ${bulk.tickets} tickets in ${bulkSeconds} s (${eventsPerSecond} events/s, ${options.workers} workers)`,
      );

      const indexStarted = performance.now();
      for (const statement of deferredIndexes) await this.pool.query(statement);
      await analyzeReadModel(this.pool, next);
      const indexSeconds = seconds(indexStarted);
      options.log(`built ${deferredIndexes.length} indexes in ${indexSeconds} s`);

      const { caughtUp, verification: checked } = await inOneSnapshot(this.pool, async (client) =>
        this.catchUpAndVerify(client, next, await behindTheStore(client, next), 'all'),
      );
      options.log(`caught up ${caughtUp} events appended during the rebuild`);
      options.log(
        `verified ${checked.tickets} tickets, ${checked.events} events: versions and counts match the store`,
      );

      const swap = await this.swap(schema, next);
      options.log(
        `swapped ${next} in as ${schema} in ${swap.milliseconds} ms (${swap.caughtUp} events caught up inside)`,
      );
      let oldSchema: string | null = swap.oldSchema;
      if (!options.keepOld) {
        await dropReadModelSchema(this.pool, swap.oldSchema);
        oldSchema = null;
      }
      const report: RebuildReport = {
        schema,
        events: bulk.events + caughtUp + swap.caughtUp,
        tickets: swap.tickets,
        bulkSeconds,
        eventsPerSecond,
        indexSeconds,
        caughtUp,
        caughtUpDuringSwap: swap.caughtUp,
        swapMilliseconds: swap.milliseconds,
        totalSeconds: seconds(started),
        verified: {
          tickets: checked.tickets,
          events: checked.events,
          messages: checked.messages,
          attachments: checked.attachments,
        },
        oldSchema,
      };
      options.log(`done in ${report.totalSeconds} s`);
      return report;
    } finally {
      await guard.query('SELECT pg_advisory_unlock($1, hashtext($2))', [REBUILD_LOCK, schema]);
      guard.release();
    }
  }

  /**
   * The bulk pass: pages of the store in global order, each split over the workers by ticket. A ticket whose
   * events are not contiguous here (an append still in flight, an unreadable event) is left to the catch-up.
   */
  private async projectAll(
    schema: string,
    options: RebuildOptions,
  ): Promise<{ events: number; tickets: number }> {
    const workers: WorkerState[] = [];
    for (let i = 0; i < options.workers; i++) {
      workers.push({ client: await this.pool.connect(), versions: new Map() });
    }
    const held = new Set<number>();
    let events = 0;
    try {
      let page = await this.reader.page('0', options.pageSize);
      while (page.events.length > 0) {
        const upcoming = this.reader.page(page.lastPosition, options.pageSize);
        // a rejected prefetch is awaited below; this only keeps it from being reported as unhandled
        upcoming.catch(() => undefined);
        const shares = workers.map(() => [] as LoggedEvent[]);
        for (const logged of page.events) shares[logged.ticketId % workers.length].push(logged);
        await Promise.all(workers.map((worker, i) => applyShare(worker, schema, shares[i], held)));
        events += page.events.length;
        page = await upcoming;
      }
    } finally {
      for (const worker of workers) worker.client.release();
    }
    const tickets = workers.reduce((sum, w) => sum + w.versions.size, 0);
    return { events, tickets };
  }

  /**
   * Applies what the store has beyond the rows of the tickets that are behind, then verifies every ticket
   * (or only those), both in the caller's snapshot of the store, so that appends running meanwhile cannot
   * fool the check.
   */
  private async catchUpAndVerify(
    client: PoolClient,
    schema: string,
    behind: number[],
    scope: 'all' | 'caught-up',
  ): Promise<{ caughtUp: number; verification: Verification }> {
    let caughtUp = 0;
    for (const ticketId of behind) {
      caughtUp += await catchUpTicket(client, this.reader, schema, ticketId);
    }
    const verification = await verify(client, schema, scope === 'all' ? undefined : behind);
    if (verification.mismatches.length > 0) throw new VerificationFailedError(verification);
    return { caughtUp, verification };
  }

  /**
   * Holds the live projector back (its swap lock, exclusively), then catches up, in a snapshot taken after
   * the lock, the tickets the live read model has further than the new one: whatever the projector wrote
   * before the lock. Events it has not applied yet reach it after the swap and go to the new tables (a
   * ticket behind there is repaired from the store like any gap). Comparing the two tickets tables keeps
   * this pause proportional to the tickets, not to the events.
   */
  private async swap(
    schema: string,
    next: string,
  ): Promise<{ milliseconds: number; caughtUp: number; tickets: number; oldSchema: string }> {
    const oldSchema = assertSchemaName(`${schema}_old_${Date.now().toString(36)}`);
    const started = performance.now();
    const swapped = await withTransaction(this.pool, async (client) => {
      await client.query(`SET LOCAL lock_timeout = '10s'`);
      await lockForSwap(client, schema);
      const { caughtUp } = await inOneSnapshot(this.pool, async (work) =>
        this.catchUpAndVerify(work, next, await behindTheLive(work, next, schema), 'caught-up'),
      );
      await swapReadModelSchemas(client, { live: schema, next, old: oldSchema });
      return caughtUp;
    });
    const milliseconds = Math.round(performance.now() - started);
    const tickets = await countTickets(this.pool, schema);
    return { caughtUp: swapped, tickets, oldSchema, milliseconds };
  }
}

/** A transaction whose reads all see one snapshot of the database, taken at its first statement. */
function inOneSnapshot<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    return work(client);
  });
}

/** Applies a ticket's events beyond its row, read through `client`; returns how many. */
export async function catchUpTicket(
  client: PoolClient,
  reader: EventLogReader,
  schema: string,
  ticketId: number,
): Promise<number> {
  const current = await readModelVersion(client, schema, ticketId);
  const missing = await reader.stream(client, ticketStreamId(ticketId), current);
  return (await applyInOrder(client, schema, current, missing)) - current;
}

async function applyShare(
  worker: WorkerState,
  schema: string,
  share: readonly LoggedEvent[],
  held: Set<number>,
): Promise<void> {
  if (share.length === 0) return;
  const { client, versions } = worker;
  await client.query('BEGIN');
  try {
    for (const logged of share) {
      if (held.has(logged.ticketId)) continue;
      const current = versions.get(logged.ticketId) ?? 0;
      if (!logged.ok || logged.stored.streamVersion !== current + 1) {
        if (logged.ok && logged.stored.streamVersion <= current) continue;
        held.add(logged.ticketId);
        continue;
      }
      await projectTicketEvent(client, schema, logged.stored);
      versions.set(logged.ticketId, logged.stored.streamVersion);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
