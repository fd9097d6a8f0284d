import createClient from 'openapi-fetch';
import type { components, operations, paths } from './api.schema';

export type { components, operations, paths };
export type Schemas = components['schemas'];

/** A typed client of the public API: paths, query parameters, bodies and answers checked at compile time. */
export const createTicketsClient = (baseUrl: string, apiKey: string) =>
  createClient<paths>({ baseUrl, headers: { 'x-api-key': apiKey } });

export type TicketsClient = ReturnType<typeof createTicketsClient>;
