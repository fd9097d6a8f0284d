import { Controller, Get, Header } from '@nestjs/common';
import type { ActorRole } from '@app/domain';
import { KeyOnlyRoute } from '@app/platform/auth/api-key.guard';
import type { StoredApiKey } from '@app/platform/auth/api-key.repository';
import { CurrentApiKey } from '@app/platform/auth/current-principal.decorator';

export interface WhoAmIResponse {
  readonly role: ActorRole;
  /** The key's account; null for a staff key, which acts for every account. */
  readonly accountId: string | null;
  readonly keyPrefix: string;
}

/** Who the X-API-Key belongs to, so a client (the panel) can sign in with a pasted key. */
@Controller('api')
export class WhoAmIController {
  @Get('me')
  @KeyOnlyRoute()
  @Header('cache-control', 'private, no-store')
  whoAmI(@CurrentApiKey() key: StoredApiKey): WhoAmIResponse {
    return { role: key.role, accountId: key.accountId, keyPrefix: key.keyPrefix };
  }
}
