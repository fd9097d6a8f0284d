import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { download, randomFile, retryWhileBusy, sha256, upload } from '../support/attachments';
import { openTicket } from '../support/tickets';

const PAIRS = 200;

describe('a download right after its upload', () => {
  afterAll(closeTestPool);

  it(`finds the attachment the 201 named, ${PAIRS} back-to-back pairs, every one 200`, async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const ticketId = await openTicket(key, accountId);
    const statuses: number[] = [];
    for (let i = 0; i < PAIRS; i += 1) {
      const file = randomFile(512);
      const uploaded = await retryWhileBusy(() => upload(key, accountId, ticketId, file));
      expect(uploaded.status).toBe(201);
      const fetched = await download(key, accountId, ticketId, uploaded.body.id);
      statuses.push(fetched.status);
      if (fetched.status === 200) expect(sha256(fetched.body)).toBe(sha256(file));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  }, 180_000);
});
