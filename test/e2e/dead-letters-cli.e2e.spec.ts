import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { toEnvelope } from '@app/event-store';
import { ticketEventStore } from '@app/ticket-store';
import { ROOT } from '../setup/endpoints';
import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { openTicket } from '../support/tickets';

const cli = (...args: string[]) =>
  promisify(execFile)(
    process.execPath,
    [join(ROOT, 'dist/apps/projector/src/projector.cli.js'), ...args],
    {
      env: { ...process.env, DATABASE_URL: endpoints().DATABASE_URL },
    },
  ).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout + error.stderr,
    }),
  );

async function deadLetter(group: string, payload: string): Promise<string> {
  const { rows } = await testPool().query<{ id: string }>(
    `INSERT INTO projector_dead_letters
       (topic, kafka_partition, kafka_offset, message_key, payload, error, consumer_group, read_model_schema)
     VALUES ('ticket-events', 0, 1, NULL, $1, 'broken before the fix', $2, 'read_model') RETURNING id`,
    [payload, group],
  );
  return rows[0].id;
}

const remaining = async (group: string) =>
  (
    await testPool().query<{ id: string; error: string }>(
      'SELECT id, error FROM projector_dead_letters WHERE consumer_group = $1 ORDER BY id',
      [group],
    )
  ).rows;

const outcomes = async (group: string) =>
  Object.fromEntries(
    (
      await testPool().query<{ outcome: string; count: string }>(
        'SELECT outcome, count FROM projector_dead_letter_retries WHERE consumer_group = $1',
        [group],
      )
    ).rows.map((r) => [r.outcome, Number(r.count)]),
  );

describe('npm run projector -- dead-letters', () => {
  afterAll(closeTestPool);

  it('lists a group’s dead letters, retries one by id and all of them, and counts the outcomes', async () => {
    const group = `cli-${randomUUID().slice(0, 8)}`;
    const accountId = newAccountId();
    const ticketId = await openTicket(await customerKey(accountId), accountId);
    const [opened] = await ticketEventStore(testPool(), 'ticket-events').readStream(
      `ticket-${ticketId}`,
    );
    const fixable = await deadLetter(group, JSON.stringify(toEnvelope(opened)));
    const poison = await deadLetter(group, 'not json at all');

    const listed = await cli('dead-letters', 'list', '--group', group);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${fixable}\tticket-events/0@1`);
    expect(listed.stdout).toContain(`${poison}\tticket-events/0@1`);

    const one = await cli('dead-letters', 'retry', fixable, '--group', group);
    expect(one).toEqual({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^${fixable}\\t(applied|duplicate)`)),
    });
    expect((await remaining(group)).map((r) => r.id)).toEqual([poison]);

    const all = await cli('dead-letters', 'retry', '--all', '--group', group);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(`${poison}\tfailed`);
    expect(await remaining(group)).toEqual([
      { id: poison, error: expect.not.stringContaining('broken before the fix') },
    ]);
    expect(await outcomes(group)).toEqual({ [one.stdout.split('\t')[1].trim()]: 1, failed: 1 });

    const metrics = await fetch(`http://127.0.0.1:${endpoints().PROJECTOR_PORT}/metrics`);
    expect(await metrics.text()).toContain('# TYPE projector_dead_letter_retries_total counter');
  });

  it('answers an unknown id and a bad command with the usage and a non-zero status', async () => {
    expect(await cli('dead-letters', 'retry', '999999999999', '--group', 'nobody')).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('no dead letter 999999999999'),
    });
    expect(await cli('dead-letters', 'purge')).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('dead-letters retry <id> | --all'),
    });
  });
});
