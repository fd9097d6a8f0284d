import type { Provider } from '@nestjs/common';
import type { TicketApiConfig } from '../config/ticket-api.config';
import { AUDIT_SIGNING_KEYRING, AuditSigningKeyring } from './signing/audit-signing-keyring';

export const auditProviders = (config: TicketApiConfig): Provider[] => [
  {
    provide: AUDIT_SIGNING_KEYRING,
    useValue: AuditSigningKeyring.parse(config.AUDIT_SIGNING_KEYS),
  },
];
