import { randomBytes } from 'node:crypto';
import type { AccountKeys, DataKey, DataKeys } from './data-keys';
import { ERASED, PersonalDataCodec } from './personal-data.codec';

/** Keys in memory, as DataKeys holds them once loaded; `erase` drops an account's like forget-account. */
class KeysInMemory {
  private readonly accounts = new Map<string, Map<number, Buffer | null>>();
  loads = 0;

  live(accountId: string): Promise<DataKey> {
    const generations = this.accounts.get(accountId) ?? new Map<number, Buffer | null>();
    this.accounts.set(accountId, generations);
    const live = [...generations].find(([, key]) => key !== null);
    if (live) return Promise.resolve({ generation: live[0], key: live[1]! });
    const generation = generations.size + 1;
    const key = randomBytes(32);
    generations.set(generation, key);
    return Promise.resolve({ generation, key });
  }

  of(accountIds: Iterable<string>): Promise<Map<string, AccountKeys>> {
    this.loads += 1;
    return Promise.resolve(
      new Map(
        [...accountIds].map((id) => [
          id,
          { live: null, byGeneration: this.accounts.get(id) ?? new Map() },
        ]),
      ),
    );
  }

  refreshed(accountIds: readonly string[]): Promise<Map<string, AccountKeys>> {
    return this.of(accountIds);
  }

  erase(accountId: string): void {
    for (const generation of this.accounts.get(accountId)?.keys() ?? []) {
      this.accounts.get(accountId)!.set(generation, null);
    }
  }
}

const FIELDS = { TicketOpened: ['subject', 'description'], MessageAdded: ['message'] };

const opened = (subject: string) => ({
  type: 'TicketOpened',
  data: {
    ticketId: 1,
    accountId: 'acct-1',
    subject,
    description: 'the description',
    topic: 'Billing',
  },
});
const closed = { type: 'TicketClosed', data: { ticketId: 1 } };

let keys: KeysInMemory;
let codec: PersonalDataCodec;

beforeEach(() => {
  keys = new KeysInMemory();
  codec = new PersonalDataCodec(keys as unknown as DataKeys, FIELDS);
});

describe('PersonalDataCodec (crypto-shredding of event fields)', () => {
  it("seals only the table's fields, as ciphertext that holds none of the plaintext", async () => {
    const [sealed, other] = await codec.seal('acct-1', [opened('Payments fail'), closed]);
    const data = sealed.data as unknown as Record<string, string>;
    expect(data.subject).toMatch(/^pd1:/);
    expect(data.description).toMatch(/^pd1:/);
    expect(JSON.stringify(sealed)).not.toContain('Payments fail');
    expect(JSON.stringify(sealed)).not.toContain('the description');
    expect(data.topic).toBe('Billing');
    expect(other).toBe(closed);
  });

  it('opens what it sealed', async () => {
    const sealed = await codec.seal('acct-1', [opened('Payments fail')]);
    expect(await codec.openRecords(sealed)).toEqual([opened('Payments fail')]);
  });

  it('reads every sealed field as erased once the account key is destroyed, other accounts still open', async () => {
    const [mine] = await codec.seal('acct-1', [opened('Payments fail')]);
    const [theirs] = await codec.seal('acct-2', [opened('Login fails')]);
    keys.erase('acct-1');
    const [erased, kept] = await codec.openRecords([mine, theirs]);
    expect(erased.data).toMatchObject({ subject: ERASED, description: ERASED, topic: 'Billing' });
    expect(kept.data).toMatchObject({ subject: 'Login fails' });
  });

  it('reads a field stored before encryption as it is, and asks for no key', async () => {
    const legacy = [opened('Stored in the clear'), closed];
    expect(await codec.openRecords(legacy)).toEqual(legacy);
    expect(keys.loads).toBe(0);
  });

  it('seals under a new generation after an erasure, which opens while the old one stays erased', async () => {
    const [before] = await codec.seal('acct-1', [opened('Before')]);
    keys.erase('acct-1');
    const [after] = await codec.seal('acct-1', [opened('After')]);
    const [was, is] = await codec.openRecords([before, after]);
    expect(was.data).toMatchObject({ subject: ERASED });
    expect(is.data).toMatchObject({ subject: 'After' });
  });

  it('with sealing off (a rolling upgrade), stores in the clear and still opens what was sealed', async () => {
    const [sealed] = await codec.seal('acct-1', [opened('Sealed before')]);
    const clear = new PersonalDataCodec(keys as unknown as DataKeys, FIELDS, false);
    expect(await clear.seal('acct-1', [opened('In the clear')])).toEqual([opened('In the clear')]);
    expect(await clear.openRecords([sealed])).toEqual([opened('Sealed before')]);
  });

  it('refuses a sealed value moved to another field: the field is authenticated with it', async () => {
    const [sealed] = await codec.seal('acct-1', [opened('Payments fail')]);
    const data = sealed.data as unknown as Record<string, string>;
    const moved = { ...sealed, data: { ...data, description: data.subject } };
    await expect(codec.openRecords([moved])).rejects.toThrow();
  });
});
