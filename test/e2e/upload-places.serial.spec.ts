import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import {
  MIB,
  objectsUnder,
  randomFile,
  retryWhileBusy,
  startUpload,
  ticketPrefix,
  upload,
  uploadPlaces,
  uploadsInFlight,
} from '../support/attachments';
import type { HeldUpload } from '../support/attachments';
import { eventually } from '../support/http';
import { openTicket } from '../support/tickets';

const WAIT_MS = 10_000;

interface Customer {
  accountId: string;
  key: string;
  ticketId: number;
}

async function aCustomerWithATicket(): Promise<Customer> {
  const accountId = newAccountId();
  const key = await customerKey(accountId);
  return { accountId, key, ticketId: await openTicket(key, accountId) };
}

const hold = async (customer: Customer): Promise<HeldUpload> => {
  const held = startUpload(customer.key, customer.accountId, customer.ticketId, MIB);
  await held.write(randomFile(1024)).catch(() => undefined);
  return held;
};

const answerOf = async (held: HeldUpload): Promise<number> =>
  held.response.then(
    (answer) => answer.statusCode ?? 0,
    () => 0,
  );

describe('upload places', () => {
  afterAll(closeTestPool);

  it("uploads beyond the instance's cap get 503 with Retry-After, and the held ones leave nothing behind", async () => {
    const { capacity } = await uploadPlaces();
    const customers = await Promise.all(Array.from({ length: capacity }, aCustomerWithATicket));
    const held = await Promise.all(customers.map(hold));
    try {
      const busy = await eventually(uploadPlaces, (p) => p.inFlight === capacity, WAIT_MS);
      expect(busy.inFlight).toBe(capacity);

      const late = await aCustomerWithATicket();
      const refused = await upload(late.key, late.accountId, late.ticketId, randomFile(1024));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.body.code).toBe('TOO_MANY_UPLOADS');
    } finally {
      held.forEach((h) => h.request.destroy());
    }
    const idle = await eventually(uploadPlaces, (p) => p.inFlight === 0, WAIT_MS);
    expect(idle.inFlight).toBe(0);
    for (const { ticketId } of customers) {
      expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
      expect(await uploadsInFlight(ticketId)).toEqual([]);
    }
  });

  it("a slow client of one account cannot make another account's uploads 503", async () => {
    const { capacity, perAccount } = await uploadPlaces();
    const slow = await aCustomerWithATicket();
    const held = await Promise.all(Array.from({ length: capacity }, () => hold(slow)));
    const answers: number[] = [];
    held.forEach((h) => void answerOf(h).then((status) => answers.push(status)));
    try {
      const refused = await eventually(
        async () => answers.filter((status) => status === 503).length,
        (n) => n === capacity - perAccount,
        WAIT_MS,
      );
      expect(refused).toBe(capacity - perAccount);

      const other = await aCustomerWithATicket();
      // a short retry window: another spec may hold a place for a moment, the slow client would for minutes
      const accepted = await retryWhileBusy(
        () => upload(other.key, other.accountId, other.ticketId, randomFile(1024)),
        5_000,
      );
      expect(accepted.status).toBe(201);
    } finally {
      held.forEach((h) => h.request.destroy());
    }
  });

  it('an upload whose body stops arriving is cut off and its place given back', async () => {
    const stalled = await aCustomerWithATicket();
    const held = await hold(stalled);
    await eventually(
      () => uploadsInFlight(stalled.ticketId),
      (keys) => keys.length === 1,
      WAIT_MS,
    );
    // the service checks the rate every UPLOAD_RATE_WINDOW_MS (10 s by default)
    const answered = await Promise.race([
      answerOf(held),
      new Promise<number>((resolve) => setTimeout(() => resolve(-1), 30_000)),
    ]);
    expect(answered).not.toBe(-1);
    const idle = await eventually(
      () => uploadsInFlight(stalled.ticketId),
      (keys) => keys.length === 0,
      WAIT_MS,
    );
    expect(idle).toEqual([]);
    expect(await objectsUnder(ticketPrefix(stalled.ticketId))).toEqual([]);
  }, 60_000);
});
