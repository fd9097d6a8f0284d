import { PgNotificationListener } from '@app/event-store';
import type { Wakeup } from '@app/event-store';
import {
  everyTicketOf,
  READ_MODEL_CHANNEL,
  readModelNotificationKey,
  readModelNotificationKeys,
} from '@app/read-model';
import type { TicketChanges } from '@app/read-model';

export const READ_MODEL_ADVANCES = Symbol('READ_MODEL_ADVANCES');

/** Wake-ups at the projector's commits for one ticket. */
export interface ReadModelAdvances {
  readonly isClosed: boolean;
  /** Resolves at the next projector commit for this ticket, or after timeoutMs. */
  next(ticketId: number, timeoutMs: number): Wakeup;
}

/** One LISTEN connection per process on the projector's channel, for the read model schema this API reads. */
export class PgReadModelAdvances implements ReadModelAdvances, TicketChanges {
  private readonly listener: PgNotificationListener;

  constructor(
    connectionString: string,
    private readonly schema: string,
  ) {
    // one notification per projector transaction names every ticket it advanced
    this.listener = new PgNotificationListener(
      connectionString,
      READ_MODEL_CHANNEL,
      readModelNotificationKeys,
    );
  }

  get isClosed(): boolean {
    return this.listener.isClosed;
  }

  get isListening(): boolean {
    return this.listener.isListening;
  }

  observe(observer: Parameters<TicketChanges['observe']>[0]): void {
    const prefix = readModelNotificationKey(this.schema, 0).slice(0, -1);
    const everyTicket = everyTicketOf(this.schema);
    this.listener.observe({
      notified: (keys) => {
        if (keys.includes(everyTicket)) return observer.missed();
        const ours = keys.filter((k) => k.startsWith(prefix));
        observer.changed(ours.map((k) => Number(k.slice(prefix.length))));
      },
      missed: () => observer.missed(),
    });
  }

  next(ticketId: number, timeoutMs: number): Wakeup {
    return this.listener.next(readModelNotificationKey(this.schema, ticketId), timeoutMs);
  }

  listen(): Promise<void> {
    return this.listener.listen();
  }

  close(): Promise<void> {
    return this.listener.close();
  }
}
