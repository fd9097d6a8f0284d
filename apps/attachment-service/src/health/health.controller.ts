import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { PublicRoute } from '@app/platform/auth/api-key.guard';
import { PG_POOL } from '@app/platform/db/database';

@Controller()
@PublicRoute()
export class HealthController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const database = await this.pool
      .query('SELECT 1')
      .then(() => 'up')
      .catch(() => 'down');
    void reply.status(database === 'up' ? 200 : 503);
    return { status: database, database };
  }
}
