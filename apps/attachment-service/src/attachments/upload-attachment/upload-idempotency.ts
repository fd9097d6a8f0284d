import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  idempotencyKeyInProgress,
  idempotencyKeyReused,
} from '@app/platform/idempotency/idempotency.errors';
import { IdempotencyStore } from '@app/platform/idempotency/idempotency.store';
import { ATTACHMENT_SERVICE_CONFIG } from '../../config/attachment-service.config';
import type { AttachmentServiceConfig } from '../../config/attachment-service.config';
import { describeUpload, uploadFingerprint } from './upload-fingerprint';
import type { UploadDescription } from './upload-fingerprint';
import type { FormPart } from './upload-form';

/** An upload's answer: its 201 body and the headers a replay repeats. */
export interface UploadAnswer<T = unknown> {
  readonly body: T;
  readonly headers: Record<string, string>;
  /** Set when the answer is the stored one of an earlier upload with the same key. */
  readonly replayed?: boolean;
}

export interface IdempotentUpload<T extends UploadDescription> {
  readonly apiKeyId: string;
  readonly key: string;
  /** Path and query of the request; part of the fingerprint. */
  readonly url: string;
  readonly form: AsyncIterable<FormPart>;
  /** Runs the upload itself, reading `form`. */
  readonly upload: () => Promise<UploadAnswer<T>>;
}

/** Slack past the upload deadline before a claim is taken to be from a process that died. */
const ABANDONED_GRACE_SECONDS = 60;

/**
 * ticket-api's Idempotency-Key contract for uploads, whose fingerprint is their content: the key is claimed
 * before a byte is read, so a concurrent duplicate is 409 at once; the upload then streams as ever and its
 * fingerprint (url, messageId, file name and type, sha256, size) is recorded with the response. A retry that
 * finds a completed key reads its body hashing and discarding it, and replays the response when the
 * fingerprints agree, 422 when not: nothing is stored, nothing appended. A failed upload releases the key.
 */
@Injectable()
export class UploadIdempotency {
  private readonly logger = new Logger('UploadIdempotency');
  private readonly abandonedAfterSeconds: number;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(ATTACHMENT_SERVICE_CONFIG) config: AttachmentServiceConfig,
  ) {
    // an upload is cut off at UPLOAD_TIMEOUT_MS, so a claim older than that (and the append) is abandoned
    this.abandonedAfterSeconds =
      Math.ceil(config.UPLOAD_TIMEOUT_MS / 1000) + ABANDONED_GRACE_SECONDS;
  }

  async run<T extends UploadDescription>(request: IdempotentUpload<T>): Promise<UploadAnswer> {
    const { apiKeyId, key, url } = request;
    const claim = await this.store.claimPending(apiKeyId, key, this.abandonedAfterSeconds);
    if (claim.outcome === 'in-progress') throw idempotencyKeyInProgress();
    if (claim.outcome === 'completed') {
      const received = await describeUpload(request.form);
      if (uploadFingerprint(url, received) !== claim.fingerprint) throw idempotencyKeyReused();
      return { body: claim.response.body, headers: claim.response.headers, replayed: true };
    }
    let answer: UploadAnswer<T>;
    try {
      answer = await request.upload();
    } catch (error) {
      await this.store.release(apiKeyId, key, claim.token).catch((failure: unknown) => {
        this.logger.warn(`could not release Idempotency-Key ${key}: ${String(failure)}`);
      });
      throw error;
    }
    // the attachment is added: a failure to record that is logged, never turned into an error answer
    try {
      const recorded = await this.store.completeWithFingerprint(
        apiKeyId,
        key,
        claim.token,
        uploadFingerprint(url, answer.body),
        { status: 201, headers: answer.headers, body: answer.body },
      );
      if (!recorded) this.logger.warn(`Idempotency-Key ${key} was taken over while it ran`);
    } catch (failure) {
      this.logger.warn(`could not complete Idempotency-Key ${key}: ${String(failure)}`);
    }
    return answer;
  }
}
