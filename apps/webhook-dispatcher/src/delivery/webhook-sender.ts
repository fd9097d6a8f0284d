import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkAddress, resolveTarget, TargetRefusedError, webhookHeaders } from '@app/webhooks';
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

/**
 * One signed POST: no redirects followed, bounded in the bytes read back and in time by one deadline
 * that covers the DNS lookup, the connection and the answer.
 */
export class WebhookSender {
  constructor(
    private readonly policy: TargetPolicy,
    private readonly limits: SenderLimits,
  ) {}

  async send(webhook: OutgoingWebhook): Promise<SendOutcome> {
    const deadline = AbortSignal.timeout(this.limits.timeoutMs);
    let target: ResolvedTarget;
    try {
      target = await resolveTarget(webhook.url, this.policy, deadline);
    } catch (error) {
      if (error instanceof TargetRefusedError) {
        return { ok: false, statusCode: null, error: error.message };
      }
      if (deadline.aborted) return this.timedOut();
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
    return this.post(target, headers, webhook.body, deadline);
  }

  private timedOut(): SendOutcome {
    return { ok: false, statusCode: null, error: `no answer within ${this.limits.timeoutMs} ms` };
  }

  private post(
    target: ResolvedTarget,
    headers: Record<string, string>,
    body: string,
    deadline: AbortSignal,
  ): Promise<SendOutcome> {
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = request(target.url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(target),
        signal: deadline,
      });
      // the policy again, on the peer of the socket itself: nothing but the checked address is sent to
      req.on('socket', (socket) => {
        socket.once('connect', () => {
          try {
            checkAddress(target.url.hostname, socket.remoteAddress ?? '', this.policy);
          } catch (error) {
            req.destroy(error as Error);
          }
        });
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
        resolve(timedOut ? this.timedOut() : { ok: false, statusCode: null, error: error.message });
      });
      req.end(body);
    });
  }
}
