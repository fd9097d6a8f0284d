/** If-Match named a version the ticket has moved past. */
export class VersionMismatchError extends Error {
  override name = 'VersionMismatchError';

  constructor(
    readonly actualVersion: number,
    readonly expectedVersion: number,
  ) {
    super(`The ticket is at version ${actualVersion}, not ${expectedVersion}.`);
  }
}

/** Appends kept losing to other instances' appends on the same ticket. */
export class ConcurrencyConflictError extends Error {
  override name = 'ConcurrencyConflictError';

  constructor() {
    super('The ticket is changing too fast; retry the request.');
  }
}

/** Too many commands are already waiting on this ticket (its queue is full or waited too long). */
export class TicketBusyError extends Error {
  override name = 'TicketBusyError';

  constructor(readonly ticketId: number) {
    super(`Too many requests are waiting on ticket ${ticketId}; retry shortly.`);
  }
}
