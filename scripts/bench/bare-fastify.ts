// The ceiling of the HTTP layer alone: a bare fastify route answering with a fixed JSON body (throughput bench).
//   PORT=... BODY_FILE=<json file> tsx scripts/bench/bare-fastify.ts
import { readFileSync } from 'node:fs';
import fastify from 'fastify';

const body = JSON.parse(readFileSync(process.env.BODY_FILE ?? '', 'utf8')) as object;
const app = fastify({ logger: false });
app.get('/api/Ticket/:id', async () => body);
app.get('/health', async () => ({ status: 'ok' }));
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).catch((error) => {
  console.error(error);
  process.exit(1);
});
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
