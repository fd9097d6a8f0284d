import type { Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { AGENT_DIRECTORY } from './agent.directory';
import { PgAgentDirectory } from './pg-agent.directory';

export const agentProviders = (pool: Pool): Provider[] => [
  { provide: AGENT_DIRECTORY, useValue: new PgAgentDirectory(pool) },
];
