import { Logger } from '@nestjs/common';
import type { Provider } from '@nestjs/common';
import type { TicketApiConfig } from '../config/ticket-api.config';
import {
  AUDIT_SIGNING_KEYRING,
  AuditSigningKeyring,
  DEV_AUDIT_SIGNING_KEYS,
} from './signing/audit-signing-keyring';

export function auditProviders(config: TicketApiConfig): Provider[] {
  if (config.AUDIT_SIGNING_KEYS === DEV_AUDIT_SIGNING_KEYS) {
    new Logger('Audit').warn(
      'AUDIT_SIGNING_KEYS is the development key: exports prove nothing outside development',
    );
  }
  return [
    {
      provide: AUDIT_SIGNING_KEYRING,
      useValue: AuditSigningKeyring.parse(config.AUDIT_SIGNING_KEYS),
    },
  ];
}
