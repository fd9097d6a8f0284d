import { Inject, Injectable } from '@nestjs/common';
import { decide, fold, initialTicket, ticketStreamId, TicketErrors } from '@app/domain';
import type { ExistingTicket, TicketCommand, TicketEvent } from '@app/domain';
import { EVENT_STORE, WrongExpectedVersionError } from '@app/event-store';
import type { EventStore, StoredEvent } from '@app/event-store';
import { KeyedMutex } from './keyed-mutex';
import { TicketStateCache } from './ticket-state.cache';
import type { VersionedTicket } from './ticket-state.cache';
import type { RequestContext } from './request-context';
import { ConcurrencyConflictError, VersionMismatchError } from './ticket-store.errors';

const MAX_ATTEMPTS = 20;

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
  private readonly mutex = new KeyedMutex();
  private readonly cache = new TicketStateCache();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>) {}

  run(ticketId: number, context: RequestContext, command: TicketCommand): Promise<CommandOutcome> {
    const streamId = ticketStreamId(ticketId);
    return this.mutex.run(streamId, () => this.attempt(streamId, ticketId, context, command, 1));
  }

  /** What run() would decide now, without appending: the same account, If-Match and domain checks. */
  async rehearse(
    ticketId: number,
    context: RequestContext,
    command: TicketCommand,
  ): Promise<VersionedTicket> {
    const loaded = await this.load(ticketStreamId(ticketId));
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
      const appended = await this.store.appendToStream(streamId, version, events);
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

  /** The cached state brought up to date with the events appended since, by any instance. */
  private async load(streamId: string): Promise<VersionedTicket> {
    const cached = this.cache.get(streamId) ?? { state: initialTicket(), version: 0 };
    const newer = await this.store.readStream(streamId, { afterVersion: cached.version });
    if (newer.length === 0) return cached;
    const loaded = {
      state: fold(
        newer.map((e) => e.event),
        cached.state,
      ),
      version: cached.version + newer.length,
    };
    this.cache.set(streamId, loaded);
    return loaded;
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
