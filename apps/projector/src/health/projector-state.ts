import { Injectable } from '@nestjs/common';

/** What the projector has done so far, for health and lag. */
@Injectable()
export class ProjectorState {
  stopping = false;
  lastAppliedRecordedAt: string | null = null;
  lastAppliedAt: string | null = null;

  applied(recordedAt: string): void {
    this.lastAppliedRecordedAt = recordedAt;
    this.lastAppliedAt = new Date().toISOString();
  }
}
