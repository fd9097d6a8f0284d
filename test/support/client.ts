import { createTicketsClient } from '@app/client';
import type { TicketsClient } from '@app/client';
import { endpoints } from './endpoints';

/** The generated typed client, pointed at the gateway. */
export const clientFor = (apiKey: string): TicketsClient =>
  createTicketsClient(endpoints().GATEWAY_URL, apiKey);
