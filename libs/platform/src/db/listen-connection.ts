import { Client } from 'pg';

export interface ListenOptions {
  readonly connectionString: string;
  readonly applicationName: string;
  readonly channel: string;
  readonly onNotify: (payload: string | undefined) => void;
  /** Once, when the connection fails or ends: whatever it kept fresh may be stale from now on. */
  readonly onLost: (client: Client) => void;
}

/** A connection of its own LISTENing on one channel; rejects (after onLost) when it cannot connect. */
export async function listenOn(options: ListenOptions): Promise<Client> {
  const client = new Client({
    connectionString: options.connectionString,
    application_name: options.applicationName,
  });
  client.on('notification', ({ payload }) => options.onNotify(payload));
  let ended = false;
  const lost = () => {
    if (ended) return;
    ended = true;
    options.onLost(client);
    client.end().catch(() => undefined);
  };
  client.on('error', lost);
  client.on('end', lost);
  try {
    await client.connect();
    await client.query(`LISTEN ${options.channel}`);
  } catch (error) {
    lost();
    throw error;
  }
  return client;
}
