// Concurrent customers and staff: open, reply, upload, resolve, change status, close; every request and its
// outcome recorded. A request that timed out, lost its connection or got a 5xx is sent again with its
// Idempotency-Key, a bounded number of times.
import { Random } from './random';

export const OP_KINDS = ['open', 'reply', 'upload', 'resolve', 'status', 'close'] as const;
export type OpKind = (typeof OP_KINDS)[number];

/** acknowledged: 2xx; refused: a 4xx the contract allows; indeterminate: no answer, a timeout or a 5xx. */
export type Outcome = 'acknowledged' | 'refused' | 'indeterminate' | 'unexpected';

export interface Attempt {
  /** 0: no answer (connection refused or reset, or the client's timeout). */
  readonly status: number;
  readonly code?: string;
  readonly error?: string;
}

export interface Operation {
  /** Chosen by the client, unique in the run: in the subject, message or file name, and the request ids. */
  readonly marker: string;
  readonly kind: OpKind;
  readonly role: 'customer' | 'staff';
  readonly accountId: string;
  ticketId?: number;
  readonly attempts: Attempt[];
  outcome: Outcome;
  /** The 2xx body. */
  answer?: Record<string, unknown>;
  /** What was sent, to compare with the stored event. */
  readonly sent: { message?: string; subject?: string; status?: string; messageId?: number };
  file?: { seed: number; size: number; name: string };
}

export interface Account {
  readonly id: string;
  readonly key: string;
}

interface Belief {
  readonly id: number;
  readonly accountId: string;
  status: string;
  readonly messageIds: number[];
}

export interface ClientOptions {
  readonly gatewayUrl: string;
  readonly accounts: readonly Account[];
  readonly staffKey: string;
  readonly random: Random;
  readonly customersPerAccount: number;
  readonly staffWorkers: number;
  readonly maxOpsPerWorker: number;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
}

/** The 4xx codes the contract allows for each command on a ticket that others change meanwhile. */
const ALLOWED_REFUSALS: Record<OpKind, readonly string[]> = {
  open: [],
  reply: ['TICKET_CLOSED', 'CONCURRENCY_CONFLICT'],
  upload: ['TICKET_CLOSED', 'CONCURRENCY_CONFLICT'],
  resolve: ['TICKET_CLOSED', 'INVALID_STATUS_TRANSITION', 'CONCURRENCY_CONFLICT'],
  status: ['TICKET_CLOSED', 'INVALID_STATUS_TRANSITION', 'CONCURRENCY_CONFLICT'],
  close: ['TICKET_ALREADY_CLOSED', 'CONCURRENCY_CONFLICT'],
};
/** 4xx answers that say "not now": sent again like a 5xx. */
const RETRY_CODES = new Set(['IDEMPOTENCY_KEY_IN_PROGRESS', 'RATE_LIMITED']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const FILE_SIZES = [512, 3_000, 20_000, 48_000];
/** Now and then a file past one 5 MiB part, so a multipart upload is open in MinIO while it streams. */
const LARGE_FILE = 5 * 1024 * 1024 + 300_000;

export class Clients {
  readonly operations: Operation[] = [];
  uploadsInFlight = 0;
  private readonly tickets = new Map<number, Belief>();
  private stopped = false;
  private running?: Promise<void>;

  constructor(private readonly options: ClientOptions) {}

  start(): void {
    const { accounts, customersPerAccount, staffWorkers, random } = this.options;
    const workers: Promise<void>[] = [];
    accounts.forEach((account, a) => {
      for (let c = 0; c < customersPerAccount; c++) {
        const name = `a${a}c${c}`;
        workers.push(
          this.worker(name, random.fork(name), (r, m) => this.customerStep(account, r, m)),
        );
      }
    });
    for (let s = 0; s < staffWorkers; s++) {
      const name = `s${s}`;
      workers.push(this.worker(name, random.fork(name), (r, m) => this.staffStep(r, m)));
    }
    this.running = Promise.all(workers).then(() => undefined);
  }

  /** Stops taking new operations and waits for those in flight (their retries are bounded). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async worker(
    name: string,
    random: Random,
    step: (random: Random, marker: string) => Promise<void>,
  ): Promise<void> {
    for (let n = 0; !this.stopped && n < this.options.maxOpsPerWorker; n++) {
      await step(random, `${name}o${n}`);
      await sleep(random.int(20, 120));
    }
  }

  private ticketsOf(accountId?: string): Belief[] {
    return [...this.tickets.values()].filter(
      (t) => t.status !== 'Closed' && (accountId === undefined || t.accountId === accountId),
    );
  }

  private async customerStep(account: Account, random: Random, marker: string): Promise<void> {
    const open = this.ticketsOf(account.id);
    const kind: OpKind =
      open.length < 2 ? 'open' : random.weighted({ open: 1, reply: 6, upload: 2, close: 1 });
    const ticket = open.length ? random.pick(open) : undefined;
    await this.run(kind, 'customer', account.id, account.key, marker, random, ticket);
  }

  private async staffStep(random: Random, marker: string): Promise<void> {
    const open = this.ticketsOf();
    if (open.length === 0) {
      await sleep(200);
      return;
    }
    const ticket = random.pick(open);
    const kind = random.weighted<OpKind>({ reply: 4, resolve: 2, status: 2, upload: 1 });
    await this.run(kind, 'staff', ticket.accountId, this.options.staffKey, marker, random, ticket);
  }

  private async run(
    kind: OpKind,
    role: 'customer' | 'staff',
    accountId: string,
    key: string,
    marker: string,
    random: Random,
    ticket?: Belief,
  ): Promise<void> {
    const op: Operation = {
      marker,
      kind,
      role,
      accountId,
      ticketId: ticket?.id,
      attempts: [],
      outcome: 'indeterminate',
      sent: {},
    };
    this.operations.push(op);
    const query = `?accountId=${encodeURIComponent(accountId)}`;
    let path: string;
    let body: () => string | FormData;
    let contentType: string | undefined = 'application/json';
    switch (kind) {
      case 'open': {
        op.sent.subject = `Chaos ${marker}`;
        const json = JSON.stringify({
          subject: op.sent.subject,
          description: `Opened by ${marker}.`,
          topic: random.pick(['Billing', 'Bookings', 'Other']),
        });
        path = `/api/Ticket${query}`;
        body = () => json;
        break;
      }
      case 'reply': {
        op.sent.message = `Reply ${marker}`;
        const json = JSON.stringify({ message: op.sent.message });
        path = `/api/Ticket/${ticket!.id}/message${query}`;
        body = () => json;
        break;
      }
      case 'upload': {
        const size = random.chance(0.08) ? LARGE_FILE : random.pick(FILE_SIZES);
        op.file = { seed: random.int(1, 2 ** 31), size, name: `${marker}.bin` };
        const messageId =
          ticket!.messageIds.length && random.chance(0.5) ? random.pick(ticket!.messageIds) : null;
        if (messageId !== null) op.sent.messageId = messageId;
        const file = fileBytes(op.file);
        path = `/api/Ticket/${ticket!.id}/attachment${query}`;
        contentType = undefined;
        body = () => {
          const form = new FormData();
          form.append(
            'file',
            new Blob([file], { type: 'application/octet-stream' }),
            op.file!.name,
          );
          if (messageId !== null) form.append('messageId', String(messageId));
          return form;
        };
        break;
      }
      case 'resolve':
        path = `/api/Ticket/${ticket!.id}/resolve${query}`;
        body = () => '{}';
        break;
      case 'status': {
        op.sent.status = random.pick(['Open', 'InProgress', 'AwaitingCustomer']);
        const json = JSON.stringify({ status: op.sent.status });
        path = `/api/Ticket/${ticket!.id}/status${query}`;
        body = () => json;
        break;
      }
      case 'close':
        path = `/api/Ticket/${ticket!.id}/close${query}`;
        body = () => '{}';
        break;
    }
    if (kind === 'upload') this.uploadsInFlight++;
    try {
      await this.send(op, key, path, body, contentType, random);
    } finally {
      if (kind === 'upload') this.uploadsInFlight--;
    }
    this.learn(op, ticket);
  }

  private async send(
    op: Operation,
    key: string,
    path: string,
    body: () => string | FormData,
    contentType: string | undefined,
    random: Random,
  ): Promise<void> {
    const { gatewayUrl, requestTimeoutMs, maxAttempts } = this.options;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let status = 0;
      let code: string | undefined;
      let error: string | undefined;
      let retryAfterMs = 0;
      let parsed: Record<string, unknown> | undefined;
      try {
        const response = await fetch(`${gatewayUrl}${path}`, {
          method: 'POST',
          headers: {
            'x-api-key': key,
            'idempotency-key': op.marker,
            'x-request-id': `${op.marker}.${attempt}`,
            ...(contentType ? { 'content-type': contentType } : {}),
          },
          body: body(),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        status = response.status;
        retryAfterMs = Number(response.headers.get('retry-after') ?? 0) * 1000;
        const text = await response.text();
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          parsed = undefined;
        }
        code = typeof parsed?.code === 'string' ? parsed.code : undefined;
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        error = cause?.code ?? cause?.message ?? (e as Error).name;
      }
      op.attempts.push({ status, code, error });
      if (status >= 200 && status < 300) {
        op.outcome = 'acknowledged';
        op.answer = parsed;
        return;
      }
      if (status >= 400 && status < 500 && !RETRY_CODES.has(code ?? '')) {
        op.outcome = ALLOWED_REFUSALS[op.kind].includes(code ?? '') ? 'refused' : 'unexpected';
        return;
      }
      if (attempt < maxAttempts) {
        await sleep(
          Math.max(retryAfterMs, Math.min(3_000, 250 * 2 ** attempt)) + random.int(0, 200),
        );
      }
    }
    op.outcome = 'indeterminate';
  }

  /** What the answer says about the ticket, for the next choices. */
  private learn(op: Operation, ticket?: Belief): void {
    const answer = op.answer;
    if (op.outcome === 'refused' && ticket && op.attempts.at(-1)?.code?.includes('CLOSED')) {
      ticket.status = 'Closed';
    }
    if (op.outcome !== 'acknowledged' || !answer) return;
    switch (op.kind) {
      case 'open':
        op.ticketId = Number(answer.id);
        this.tickets.set(op.ticketId, {
          id: op.ticketId,
          accountId: op.accountId,
          status: 'Open',
          messageIds: [],
        });
        break;
      case 'reply':
        ticket!.messageIds.push(Number(answer.id));
        if (op.role === 'customer' && ticket!.status !== 'InProgress') ticket!.status = 'Open';
        break;
      case 'resolve':
      case 'status':
      case 'close':
        ticket!.status = String(answer.status);
        break;
      case 'upload':
        break;
    }
  }
}

/** The bytes of an upload, made again from its seed when the checker downloads it. */
export const fileBytes = (file: { seed: number; size: number }): Buffer =>
  new Random(file.seed).bytes(file.size);
