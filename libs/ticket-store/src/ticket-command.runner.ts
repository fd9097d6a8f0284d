import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  decide,
  fold,
  initialTicket,
  isVisibleTo,
  ticketStreamId,
  TicketErrors,
  versionAs,
} from '@app/domain';
import type { ExistingTicket, TicketCommand, TicketEvent } from '@app/domain';
import { EVENT_STORE, WrongExpectedVersionError } from '@app/event-store';
import type { AppendResult, EventStore, StoredEvent } from '@app/event-store';
import { inSpan } from '@app/platform/tracing/tracing.port';
import { tracing } from '@app/platform/tracing/tracing';
import { IdAllocator } from './id-allocator';
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
  /** The ticket's version as the caller's role counts it (a customer's leaves staff-only events out). */
  readonly version: number;
  readonly events: readonly StoredEvent<TicketEvent>[];
}

/** A command waiting in its ticket's queue, settled by whichever turn takes it into a group. */
interface Queued {
  readonly ticketId: number;
  readonly context: RequestContext;
  /** Renumbered when its message id is not above the ticket's last one (see `renumber`). */
  command: TicketCommand;
  taken: boolean;
  readonly outcome: Promise<CommandOutcome>;
  settle(outcome: CommandOutcome | Error): void;
}

/** A command decided on the state the ones before it in its group left. */
type Decided =
  | { readonly ok: true; readonly events: TicketEvent[]; readonly outcome: VersionedTicket }
  | { readonly ok: false; readonly error: unknown };

/**
 * Load, decide, append: folds the ticket's events, lets the decider rule, and appends with the expected
 * version. Commands that queued on one ticket meanwhile are decided one after another on the state in memory
 * and appended together. A conflict with another instance re-reads and decides again, so no update is lost.
 */
@Injectable()
export class TicketCommandRunner {
  private readonly mutex: KeyedMutex;
  private readonly cache = new TicketStateCache();
  private readonly queued = new Map<string, Queued[]>();
  private readonly tracing = tracing;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>,
    @Optional() queueLimits: KeyedMutexLimits = TICKET_QUEUE_LIMITS,
    @Optional() private readonly ids?: IdAllocator,
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
    const queued = this.enqueue(streamId, ticketId, context, command);
    try {
      return await this.mutex.run(streamId, () => this.turn(streamId, queued));
    } catch (error) {
      if (!(error instanceof KeyedMutexRejection)) throw error;
      // a group took it before its own turn came: its outcome stands
      if (queued.taken) return queued.outcome;
      this.dequeue(streamId, queued);
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

  private enqueue(
    streamId: string,
    ticketId: number,
    context: RequestContext,
    command: TicketCommand,
  ): Queued {
    let settle!: Queued['settle'];
    const outcome = new Promise<CommandOutcome>((resolve, reject) => {
      settle = (result) => (result instanceof Error ? reject(result) : resolve(result));
    });
    outcome.catch(() => undefined);
    const queued: Queued = { ticketId, context, command, taken: false, outcome, settle };
    const line = this.queued.get(streamId);
    if (line) line.push(queued);
    else this.queued.set(streamId, [queued]);
    return queued;
  }

  private dequeue(streamId: string, queued: Queued): void {
    const line = this.queued.get(streamId) ?? [];
    line.splice(line.indexOf(queued), 1);
    if (line.length === 0) this.queued.delete(streamId);
  }

  /** The ticket is this command's: it and every command queued behind it go as one group. */
  private async turn(streamId: string, queued: Queued): Promise<CommandOutcome> {
    if (!queued.taken) {
      const group = this.queued.get(streamId) ?? [];
      this.queued.delete(streamId);
      for (const member of group) member.taken = true;
      await this.commitGroup(streamId, group, 1);
    }
    return queued.outcome;
  }

  private async commitGroup(streamId: string, group: Queued[], attempt: number): Promise<void> {
    try {
      const { loaded, decided } = await this.decideGroup(streamId, group, attempt);
      const events = decided.flatMap((d) => (d.ok ? d.events : []));
      const last = [...decided].reverse().find((d) => d.ok);
      const owner = last?.ok ? last.outcome.state : undefined;
      const dataSubject = owner?.kind === 'Existing' ? owner.accountId : undefined;
      const appended =
        events.length > 0
          ? (await this.append(streamId, loaded, events, group[0].context, dataSubject)).events
          : [];
      if (last?.ok && events.length > 0) this.cache.set(streamId, last.outcome);
      settleGroup(group, decided, appended);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        return this.commitGroup(streamId, group, attempt + 1);
      }
      const failure =
        error instanceof WrongExpectedVersionError ? new ConcurrencyConflictError() : error;
      for (const member of group) member.settle(asError(failure));
    }
  }

  /**
   * Decided on the cached state first, without reading the stream: an append from elsewhere since then fails
   * on its version and the group is decided again on the stream. A refusal is only ever given from a state
   * read from the store.
   */
  private async decideGroup(
    streamId: string,
    group: readonly Queued[],
    attempt: number,
  ): Promise<{ loaded: VersionedTicket; decided: Decided[] }> {
    const cached = attempt === 1 ? this.cache.get(streamId) : undefined;
    if (cached) {
      await this.renumber(group, cached);
      const decided = decideInOrder(group, cached);
      if (decided.every((d) => d.ok)) return { loaded: cached, decided };
    }
    const loaded = await this.load(streamId);
    await this.renumber(group, loaded);
    return { loaded, decided: decideInOrder(group, loaded) };
  }

  /**
   * Thread ids (messages', notes') taken before their commands queued can be below the ticket's last one
   * (another instance's, or a command that overtook this one in the queue): those get new ids, in queue order.
   */
  private async renumber(group: readonly Queued[], { state }: VersionedTicket): Promise<void> {
    if (!this.ids || state.kind !== 'Existing') return;
    let floor = state.lastMessageId;
    for (const member of group) {
      const id = threadIdOf(member.command);
      if (id === undefined) continue;
      member.command =
        id > floor
          ? member.command
          : withThreadId(member.command, await this.ids.above('message_id_seq', floor));
      floor = threadIdOf(member.command)!;
    }
  }

  /** The append in its own span, whose context the events carry in their metadata to the relay. */
  private async append(
    streamId: string,
    from: VersionedTicket,
    decided: readonly TicketEvent[],
    context: RequestContext,
    dataSubject: string | undefined,
  ): Promise<AppendResult<TicketEvent>> {
    const events = withCustomerVersions(decided, from.customerVersion);
    const tracing = this.tracing();
    if (!tracing.enabled) {
      return this.store.appendToStream(streamId, from.version, events, { dataSubject });
    }
    return inSpan(tracing, 'ticket append', 'internal', context.trace, (span) => {
      span.setAttribute('ticket.stream_id', streamId);
      const traced = events.map((e) => ({ ...e, metadata: { ...e.metadata, ...span.context } }));
      return this.store.appendToStream(streamId, from.version, traced, { dataSubject });
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
    let loaded = this.cache.get(streamId) ?? {
      state: initialTicket(),
      version: 0,
      customerVersion: 0,
    };
    for (;;) {
      const page = await this.store.readStream(streamId, {
        afterVersion: loaded.version,
        limit: LOAD_PAGE_SIZE,
      });
      if (page.length === 0) return loaded;
      loaded = advance(
        loaded,
        page.map((e) => e.event),
      );
      this.cache.set(streamId, loaded);
      if (page.length < LOAD_PAGE_SIZE) return loaded;
    }
  }
}

/** The id a command adds to the thread (a message's or a note's), which must be above the thread's last. */
function threadIdOf(command: TicketCommand): number | undefined {
  if (command.type === 'AddMessage') return command.data.messageId;
  if (command.type === 'AddInternalNote') return command.data.noteId;
  return undefined;
}

function withThreadId(command: TicketCommand, id: number): TicketCommand {
  if (command.type === 'AddMessage')
    return { ...command, data: { ...command.data, messageId: id } };
  if (command.type === 'AddInternalNote')
    return { ...command, data: { ...command.data, noteId: id } };
  return command;
}

function decideInOrder(group: readonly Queued[], from: VersionedTicket): Decided[] {
  let current = from;
  return group.map(({ ticketId, context, command }) => {
    try {
      admit(ticketId, context, command, current);
      const events = decide(command, current.state);
      current = advance(current, events);
      return { ok: true, events, outcome: current };
    } catch (error) {
      return { ok: false, error };
    }
  });
}

/** Each command gets its own state, version and stored events, or its own refusal. */
function settleGroup(
  group: readonly Queued[],
  decided: readonly Decided[],
  appended: readonly StoredEvent<TicketEvent>[],
): void {
  group.forEach((member, i) => {
    const d = decided[i];
    if (!d.ok) return member.settle(asError(d.error));
    const { state, version } = d.outcome;
    const events = appended.filter(
      (e) => e.streamVersion > version - d.events.length && e.streamVersion <= version,
    );
    const seen = versionSeenBy(member.context, d.outcome);
    member.settle({ ticket: state as ExistingTicket, version: seen, events });
  });
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/** A ticket of another account is not found; an If-Match the ticket has moved past fails. */
function admit(
  ticketId: number,
  context: RequestContext,
  command: TicketCommand,
  loaded: VersionedTicket,
): void {
  const { state } = loaded;
  if (command.type === 'OpenTicket' || state.kind !== 'Existing') return;
  if (state.accountId !== context.principal.accountId) throw TicketErrors.notFound(ticketId);
  const version = versionSeenBy(context, loaded);
  if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
    throw new VersionMismatchError(version, context.expectedVersion);
  }
}

/** The state and both versions after these events. */
const advance = (from: VersionedTicket, events: readonly TicketEvent[]): VersionedTicket => ({
  state: fold(events, from.state),
  version: from.version + events.length,
  customerVersion: versionAs('customer', events, from.customerVersion),
});

/** Staff count every event; a customer's If-Match and responses count only what a customer sees. */
const versionSeenBy = (context: RequestContext, ticket: VersionedTicket): number =>
  context.principal.role === 'staff' ? ticket.version : ticket.customerVersion;

/** Each event carries the ticket's customer version after it, so the feed and webhooks need no count. */
function withCustomerVersions(events: readonly TicketEvent[], from: number): TicketEvent[] {
  let customerVersion = from;
  return events.map((e) => {
    if (isVisibleTo('customer', e)) customerVersion += 1;
    return { ...e, metadata: { ...e.metadata, customerVersion } };
  });
}
