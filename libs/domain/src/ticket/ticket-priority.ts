/** How urgent a ticket is; new tickets are `normal`. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const DEFAULT_PRIORITY: TicketPriority = 'normal';

/** Who a ticket is assigned to: one agent (with the name at assignment) or a group; null: nobody. */
export type Assignee =
  { readonly agentId: number; readonly name: string } | { readonly group: string };

export const sameAssignee = (a: Assignee | null, b: Assignee | null): boolean => {
  if (a === null || b === null) return a === b;
  if ('agentId' in a) return 'agentId' in b && a.agentId === b.agentId;
  return 'group' in b && a.group === b.group;
};
