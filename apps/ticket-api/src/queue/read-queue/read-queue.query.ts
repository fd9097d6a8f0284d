import type { QueuePosition, QueueView } from '@app/read-model';

export class ReadQueueQuery {
  constructor(
    readonly view: QueueView,
    readonly after: QueuePosition | null,
    readonly limit: number,
  ) {}
}
