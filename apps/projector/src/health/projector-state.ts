import { Injectable } from '@nestjs/common';

/** What the projector has done so far, and what it holds right now, for health and lag. */
@Injectable()
export class ProjectorState {
  stopping = false;
  /** True once the Kafka consumer has joined its group (it starts after the broker answers). */
  consuming = false;
  lastAppliedRecordedAt: string | null = null;
  lastAppliedAt: string | null = null;
  /** Partition -> time (ms) of the event being projected: the oldest one of that partition not yet done. */
  private readonly inFlight = new Map<number, number>();

  started(partition: number, eventTimeMs: number): void {
    this.inFlight.set(partition, eventTimeMs);
  }

  finished(partition: number): void {
    this.inFlight.delete(partition);
  }

  inFlightSince(partition: number): number | undefined {
    return this.inFlight.get(partition);
  }

  applied(recordedAt: string): void {
    this.lastAppliedRecordedAt = recordedAt;
    this.lastAppliedAt = new Date().toISOString();
  }
}
