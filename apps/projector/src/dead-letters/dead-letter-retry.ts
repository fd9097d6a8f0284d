import { parseTicketEnvelope } from '../projection/envelope';
import type { DeadLetters, RetryOutcome, StoredDeadLetter } from '../projection/dead-letters';
import type { TicketProjector } from '../projection/ticket-projector';

/** Projects a dead letter again (after a fix): applied or duplicate, it leaves the table; failed, it stays. */
export class DeadLetterRetry {
  constructor(
    private readonly letters: DeadLetters,
    private readonly projectorFor: (schema: string | null) => TicketProjector,
  ) {}

  async retry(letter: StoredDeadLetter): Promise<{ outcome: RetryOutcome; error?: string }> {
    try {
      const envelope = parseTicketEnvelope(JSON.parse(letter.payload));
      const outcome = await this.projectorFor(letter.readModelSchema).handle(envelope);
      await this.letters.settle(letter.id, outcome);
      return { outcome };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.letters.settle(letter.id, 'failed', message);
      return { outcome: 'failed', error: message };
    }
  }
}
