import { Inject, Injectable, Optional } from '@nestjs/common';
import { decide, fold, initialTicket, ticketStreamId, TicketErrors } from '@app/domain';
import type { ExistingTicket, TicketCommand, TicketEvent } from '@app/domain';
import { EVENT_STORE, WrongExpectedVersionError } from '@app/event-store';
import type { AppendResult, EventStore, StoredEvent } from '@app/event-store';
import { inSpan } from '@app/platform/tracing/tracing.port';
import { tracing } from '@app/platform/tracing/tracing';
import { KeyedMutex, KeyedMutexRejection } from './keyed-mutex';
import type { KeyedMutexLimits } from './keyed-mutex';
import { TicketStateCache } from './ticket-state.cache';
import type { VersionedTicket } from './ticket-state.cache';
import type { RequestContext } from './request-context';
import { ticketAccountOf } from './ticket-owner';
import {
  ConcurrencyConflictError,
  TicketBusyError,
  VersionMismatchError,
} from './ticket-store.errors';

const MAX_ATTEMPTS = 20;
/** Events read per query when a state is loaded: a long stream is folded page by page, between other work. */
const LOAD_PAGE_SIZE = 1_000;
/** Past these, commands on one ticket are refused (503); 30 s is half the gateway's read timeout. */
export const TICKET_QUEUE_LIMITS: KeyedMutexLimits = { maxWaiting: 200, maxWaitMs: 30_000 };

export interface CommandOutcome {
  readonly ticket: ExistingTicket;
  readonly version: number;
  readonly events: readonly StoredEvent<TicketEvent>[];
}

/**
 * Load, decide, append: folds the ticket's events, lets the decider rule, and appends with the expected
 * version. A conflict with another instance re-reads and decides again, so no update is lost.
 */
@Injectable()
export class TicketCommandRunner {
  private readonly mutex: KeyedMutex;
  private readonly cache = new TicketStateCache();
  private readonly tracing = tracing;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>,
    @Optional() queueLimits: KeyedMutexLimits = TICKET_QUEUE_LIMITS,
  ) {
    this.mutex = new KeyedMutex(queueLimits);
  }

  /** Only the ticket's own account gets in line for it: ownership is checked before the command queues. */
  async run(
    ticketId: number,
    context: RequestContext,
    command: TicketCommand,
  ): Promise<CommandOutcome> {
    const streamId = ticketStreamId(ticketId);
    if (command.type !== 'OpenTicket') await this.checkOwner(streamId, ticketId, context);
    try {
      return await this.mutex.run(streamId, () =>
        this.attempt(streamId, ticketId, context, command, 1),
      );
    } catch (error) {
      if (!(error instanceof KeyedMutexRejection)) throw error;
      throw new TicketBusyError(ticketId);
    }
  }

  /** What run() would decide now, without appending: the same account, If-Match and domain checks. */
  async rehearse(
    ticketId: number,
    context: RequestContext,
    command: TicketCommand,
  ): Promise<VersionedTicket> {
    const streamId = ticketStreamId(ticketId);
    if (command.type !== 'OpenTicket') await this.checkOwner(streamId, ticketId, context);
    const loaded = await this.load(streamId);
    admit(ticketId, context, command, loaded);
    decide(command, loaded.state);
    return loaded;
  }

  private async attempt(
    streamId: string,
    ticketId: number,
    context: RequestContext,
    command: TicketCommand,
    attempt: number,
  ): Promise<CommandOutcome> {
    const loaded = await this.load(streamId);
    const { state, version } = loaded;
    admit(ticketId, context, command, loaded);
    const events = decide(command, state);
    try {
      const appended = await this.append(streamId, version, events, context);
      const ticket = fold(events, state) as ExistingTicket;
      this.cache.set(streamId, { state: ticket, version: appended.nextExpectedVersion });
      return { ticket, version: appended.nextExpectedVersion, events: appended.events };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new ConcurrencyConflictError();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      return this.attempt(streamId, ticketId, context, command, attempt + 1);
    }
  }

  /** The append in its own span, whose context the events carry in their metadata to the relay. */
  private async append(
    streamId: string,
    version: number,
    events: readonly TicketEvent[],
    context: RequestContext,
  ): Promise<AppendResult<TicketEvent>> {
    const tracing = this.tracing();
    if (!tracing.enabled) return this.store.appendToStream(streamId, version, events);
    return inSpan(tracing, 'ticket append', 'internal', context.trace, (span) => {
      span.setAttribute('ticket.stream_id', streamId);
      const traced = events.map((e) => ({ ...e, metadata: { ...e.metadata, ...span.context } }));
      return this.store.appendToStream(streamId, version, traced);
    });
  }

  /** A ticket that is missing or of another account is not found; the cached state knows its account. */
  private async checkOwner(
    streamId: string,
    ticketId: number,
    context: RequestContext,
  ): Promise<void> {
    const cached = this.cache.get(streamId)?.state;
    const accountId =
      cached?.kind === 'Existing' ? cached.accountId : await ticketAccountOf(this.store, ticketId);
    if (accountId !== context.principal.accountId) throw TicketErrors.notFound(ticketId);
  }

  /** The cached state brought up to date with the events appended since, by any instance. */
  private async load(streamId: string): Promise<VersionedTicket> {
    let loaded = this.cache.get(streamId) ?? { state: initialTicket(), version: 0 };
    for (;;) {
      const page = await this.store.readStream(streamId, {
        afterVersion: loaded.version,
        limit: LOAD_PAGE_SIZE,
      });
      if (page.length === 0) return loaded;
      loaded = {
        state: fold(
          page.map((e) => e.event),
          loaded.state,
        ),
        version: loaded.version + page.length,
      };
      this.cache.set(streamId, loaded);
      if (page.length < LOAD_PAGE_SIZE) return loaded;
    }
  }
}

/** A ticket of another account is not found; an If-Match the ticket has moved past fails. */
function admit(
  ticketId: number,
  context: RequestContext,
  command: TicketCommand,
  { state, version }: VersionedTicket,
): void {
  if (command.type === 'OpenTicket' || state.kind !== 'Existing') return;
  if (state.accountId !== context.principal.accountId) throw TicketErrors.notFound(ticketId);
  if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
    throw new VersionMismatchError(version, context.expectedVersion);
  }
}
