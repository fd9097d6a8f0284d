import type { DomainEvent } from '../shared/event-metadata';

/**
 * `audit -- forget-account` destroyed the account's data keys: every personal field sealed with them reads as
 * erased from now on, and the read models blank what they held of the account.
 */
export type AccountDataErased = DomainEvent<
  'AccountDataErased',
  { accountId: string; generations: number }
>;

/** An account's own events (its erasure) form one stream: `account-123`. */
const PREFIX = 'account-';

export const accountStreamId = (accountId: string): string => `${PREFIX}${accountId}`;

export const isAccountStreamId = (streamId: string): boolean => streamId.startsWith(PREFIX);

export const isAccountDataErased = (event: {
  readonly type: string;
  readonly data: unknown;
}): event is AccountDataErased =>
  event.type === 'AccountDataErased' &&
  typeof (event.data as { accountId?: unknown } | null)?.accountId === 'string';
