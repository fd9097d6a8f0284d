import type { PgWebhookStore } from '@app/webhooks';

const MAX_STREAMS = 10_000;

/** The account of each ticket stream, remembered: a stream never changes account. */
export class StreamAccounts {
  private readonly known = new Map<string, string>();

  constructor(private readonly store: Pick<PgWebhookStore, 'accountsOfStreams'>) {}

  /** The accounts of these streams; one query for those not remembered yet. */
  async of(streamIds: readonly string[]): Promise<Map<string, string>> {
    const missing = streamIds.filter((id) => !this.known.has(id));
    if (missing.length > 0) {
      for (const [streamId, accountId] of await this.store.accountsOfStreams(missing)) {
        if (this.known.size >= MAX_STREAMS) this.known.delete(this.known.keys().next().value!);
        this.known.set(streamId, accountId);
      }
    }
    const accounts = new Map<string, string>();
    for (const id of streamIds) {
      const accountId = this.known.get(id);
      if (accountId !== undefined) accounts.set(id, accountId);
    }
    return accounts;
  }
}
