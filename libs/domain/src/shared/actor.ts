export type ActorRole = 'customer' | 'staff';

/** Who caused a change: the role and the account a customer acts for; never the key itself. */
export interface Actor {
  readonly role: ActorRole;
  readonly accountId: string | null;
  readonly apiKeyId: string | null;
}

/** "Staff replies are labeled Support Team. Your messages are labeled You." */
export const AUTHOR_LABELS = { customer: 'You', staff: 'Support Team' } as const;

export type AuthorLabel = (typeof AUTHOR_LABELS)[ActorRole];

export const authorLabel = (role: ActorRole): AuthorLabel => AUTHOR_LABELS[role];
