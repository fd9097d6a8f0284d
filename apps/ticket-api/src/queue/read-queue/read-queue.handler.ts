import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { QUEUE_READ_MODEL } from '@app/read-model';
import type { QueueItem, QueueReadModel } from '@app/read-model';
import { encodeQueueCursor } from '../queue-cursor';
import { ReadQueueQuery } from './read-queue.query';

export interface QueuePageResponse {
  items: QueueItem[];
  nextCursor: string | null;
}

@QueryHandler(ReadQueueQuery)
export class ReadQueueHandler implements IQueryHandler<ReadQueueQuery, QueuePageResponse> {
  constructor(@Inject(QUEUE_READ_MODEL) private readonly queue: QueueReadModel) {}

  async execute({ view, after, limit }: ReadQueueQuery): Promise<QueuePageResponse> {
    const { items, next } = await this.queue.page(view, after, limit);
    return { items, nextCursor: next && encodeQueueCursor(next) };
  }
}
