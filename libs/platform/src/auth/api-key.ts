import { hash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'pdm_';

export const generateApiKey = (): string => API_KEY_PREFIX + randomBytes(32).toString('base64url');

/** Keys carry 256 random bits, so one SHA-256 is enough; a slow KDF would only tax every request. */
export const hashApiKey = (key: string): Buffer => hash('sha256', key, 'buffer');

export const displayPrefix = (key: string): string => key.slice(0, API_KEY_PREFIX.length + 6);
