import type { ActorRole, TicketPriority, TicketStatus } from '@app/domain';
import { SchemaReader } from './schema-reader';
import { assigneeOf } from './ticket.rows';
import type {
  QueueCounts,
  QueueItem,
  QueuePage,
  QueuePosition,
  QueueReadModel,
  QueueView,
} from './queue-read-model';

interface QueueRow {
  ticket_id: string;
  account_id: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  priority_rank: number;
  assignee_agent_id: string | null;
  assignee_name: string | null;
  assignee_group: string | null;
  last_author: ActorRole;
  last_message_at: Date;
}

/** Each view's condition, written as its partial index's predicate (migration 023) so the index serves it. */
const VIEW_CONDITION: Record<QueueView['kind'], string> = {
  open: `status <> 'Closed'`,
  unassigned: `status <> 'Closed' AND assignee_agent_id IS NULL AND assignee_group IS NULL`,
  'awaiting-staff': `status <> 'Closed' AND last_author = 'customer'`,
  mine: `status <> 'Closed' AND assignee_agent_id IS NOT NULL AND assignee_agent_id = $5`,
  group: `status <> 'Closed' AND assignee_group IS NOT NULL AND assignee_group = $5`,
};

/** Before every ticket in queue order: ranks are 0-3, ids positive. */
const START: QueuePosition = { priorityRank: -1, lastMessageAt: '-infinity', ticketId: 0 };

const viewArgument = (view: QueueView): number | string | null => {
  if (view.kind === 'mine') return view.agentId;
  if (view.kind === 'group') return view.group;
  return null;
};

const toItem = (row: QueueRow): QueueItem => ({
  ticketId: Number(row.ticket_id),
  accountId: row.account_id,
  subject: row.subject,
  status: row.status,
  priority: row.priority,
  assignee: assigneeOf(row),
  lastMessageAuthor: row.last_author,
  lastMessageAt: row.last_message_at.toISOString(),
});

export class PgQueueReadModel extends SchemaReader implements QueueReadModel {
  /** One indexed range read: the view's partial index from the cursor on, in its order. */
  async page(view: QueueView, after: QueuePosition | null, limit: number): Promise<QueuePage> {
    if (view.kind === 'mine' && view.agentId === null) return { items: [], next: null };
    const from = after ?? START;
    const argument = viewArgument(view);
    const { rows } = await this.pool.query<QueueRow>({
      name: this.statement(`queue-${view.kind}`),
      text: `SELECT ticket_id, account_id, subject, status, priority, priority_rank, assignee_agent_id,
                    assignee_name, assignee_group, last_author, last_message_at
               FROM ${this.schema}.tickets
              WHERE ${VIEW_CONDITION[view.kind]}
                AND (priority_rank, last_message_at, ticket_id) > ($1::smallint, $2::timestamptz, $3::bigint)
              ORDER BY priority_rank, last_message_at, ticket_id
              LIMIT $4`,
      values: [
        from.priorityRank,
        from.lastMessageAt,
        from.ticketId,
        limit + 1,
        ...(argument === null ? [] : [argument]),
      ],
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next =
      rows.length > limit && last
        ? {
            priorityRank: last.priority_rank,
            lastMessageAt: last.last_message_at.toISOString(),
            ticketId: Number(last.ticket_id),
          }
        : null;
    return { items: page.map(toItem), next };
  }

  async counts(agentId: number | null): Promise<QueueCounts> {
    const { rows } = await this.pool.query<{
      grp: string | null;
      open: number;
      unassigned: number;
      awaiting_staff: number;
      mine: number;
    }>({
      name: this.statement('queue-counts'),
      text: `SELECT assignee_group AS grp, count(*)::int AS open,
                    count(*) FILTER (WHERE assignee_agent_id IS NULL AND assignee_group IS NULL)::int AS unassigned,
                    count(*) FILTER (WHERE last_author = 'customer')::int AS awaiting_staff,
                    count(*) FILTER (WHERE assignee_agent_id = $1)::int AS mine
               FROM ${this.schema}.tickets
              WHERE status <> 'Closed'
              GROUP BY assignee_group`,
      values: [agentId],
    });
    const sum = (pick: (r: (typeof rows)[number]) => number) =>
      rows.reduce((total, r) => total + pick(r), 0);
    return {
      open: sum((r) => r.open),
      unassigned: sum((r) => r.unassigned),
      awaitingStaff: sum((r) => r.awaiting_staff),
      mine: sum((r) => r.mine),
      groups: new Map(rows.flatMap((r) => (r.grp === null ? [] : [[r.grp, r.open] as const]))),
    };
  }
}
