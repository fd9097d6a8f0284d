import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveTarget, TargetRefusedError, webhookHeaders } from '@app/webhooks';
import type { ResolvedTarget, TargetPolicy } from '@app/webhooks';

export interface OutgoingWebhook {
  readonly url: string;
  readonly secret: string;
  readonly messageId: string;
  readonly body: string;
}

export type SendOutcome =
  | { readonly ok: true; readonly statusCode: number }
  | { readonly ok: false; readonly statusCode: number | null; readonly error: string };

export interface SenderLimits {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/** Connects to the address the policy checked, whatever a later DNS answer would say. */
const pinnedLookup =
  (target: ResolvedTarget): LookupFunction =>
  (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    } else {
      callback(null, target.address, target.family);
    }
  };

/** One signed POST: no redirects followed, bounded in time and in the bytes read back. */
export class WebhookSender {
  constructor(
    private readonly policy: TargetPolicy,
    private readonly limits: SenderLimits,
  ) {}

  async send(webhook: OutgoingWebhook): Promise<SendOutcome> {
    let target: ResolvedTarget;
    try {
      target = await resolveTarget(webhook.url, this.policy);
    } catch (error) {
      if (error instanceof TargetRefusedError) {
        return { ok: false, statusCode: null, error: error.message };
      }
      throw error;
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'support-tickets-webhooks/1',
      ...webhookHeaders(webhook.secret, {
        id: webhook.messageId,
        timestamp: Math.floor(Date.now() / 1000),
        body: webhook.body,
      }),
    };
    return this.post(target, headers, webhook.body);
  }

  private post(
    target: ResolvedTarget,
    headers: Record<string, string>,
    body: string,
  ): Promise<SendOutcome> {
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = request(target.url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(target),
        signal: AbortSignal.timeout(this.limits.timeoutMs),
      });
      req.on('response', (res) => {
        const statusCode = res.statusCode ?? 0;
        let read = 0;
        const finish = () => {
          res.destroy();
          resolve(
            statusCode >= 200 && statusCode < 300
              ? { ok: true, statusCode }
              : { ok: false, statusCode, error: `the receiver answered ${statusCode}` },
          );
        };
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= this.limits.maxResponseBytes) finish();
        });
        res.on('end', finish);
        res.on('error', finish);
      });
      req.on('error', (error) => {
        const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
        resolve({
          ok: false,
          statusCode: null,
          error: timedOut ? `no answer within ${this.limits.timeoutMs} ms` : error.message,
        });
      });
      req.end(body);
    });
  }
}
