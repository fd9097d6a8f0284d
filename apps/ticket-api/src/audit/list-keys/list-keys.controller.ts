import { Controller, Get, Inject } from '@nestjs/common';
import { KeyOnlyRoute } from '@app/platform/auth/api-key.guard';
import { AUDIT_SIGNING_KEYRING } from '../signing/audit-signing-keyring';
import type { AuditPublicKey, AuditSigningKeyring } from '../signing/audit-signing-keyring';

/** The public keys exports are signed with, retired ones included, so an old export still verifies. */
@Controller('api/audit')
export class ListKeysController {
  constructor(@Inject(AUDIT_SIGNING_KEYRING) private readonly keyring: AuditSigningKeyring) {}

  @Get('keys')
  @KeyOnlyRoute()
  keys(): { items: AuditPublicKey[] } {
    return { items: this.keyring.publicKeys() };
  }
}
