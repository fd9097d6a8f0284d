import type { QueueView } from '@app/read-model';

export const FIXED_QUEUE_VIEWS = ['open', 'unassigned', 'mine', 'awaiting-staff'] as const;

/** What `view=` takes: a fixed view, or `group:<name>` (the group's name as `--group` takes it). */
export const QUEUE_VIEW_PATTERN =
  '^(open|unassigned|mine|awaiting-staff|group:[a-z0-9][a-z0-9_-]{0,39})$';

/** A validated `view=` as the read model's view; `mine` is the key's agent (none: an empty queue). */
export function queueViewOf(view: string, agentId: number | null): QueueView {
  if (view.startsWith('group:')) return { kind: 'group', group: view.slice('group:'.length) };
  if (view === 'mine') return { kind: 'mine', agentId };
  return { kind: view as 'open' | 'unassigned' | 'awaiting-staff' };
}
