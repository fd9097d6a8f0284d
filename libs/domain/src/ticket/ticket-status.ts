export const TICKET_STATUSES = [
  'Open',
  'InProgress',
  'AwaitingCustomer',
  'Resolved',
  'Closed',
] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses staff may move a ticket to with ChangeStatus (Resolve and Close have their own commands). */
export type WorkflowStatus = Extract<TicketStatus, 'Open' | 'InProgress' | 'AwaitingCustomer'>;
export const WORKFLOW_STATUSES: readonly WorkflowStatus[] = [
  'Open',
  'InProgress',
  'AwaitingCustomer',
];

const ALLOWED: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  Open: ['InProgress', 'AwaitingCustomer', 'Resolved', 'Closed'],
  InProgress: ['Open', 'AwaitingCustomer', 'Resolved', 'Closed'],
  AwaitingCustomer: ['Open', 'InProgress', 'Resolved', 'Closed'],
  Resolved: ['Open', 'Closed'],
  Closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}
