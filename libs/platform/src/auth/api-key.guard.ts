import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';
import { API_KEY_REPOSITORY } from './api-key.repository';
import type { ApiKeyRepository, StoredApiKey } from './api-key.repository';
import type { Principal } from './principal';

const PUBLIC_ROUTE = 'publicRoute';
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** accountId=* on a route marked AllAccountsRoute: a staff key reads every account at once. */
export const ALL_ACCOUNTS = '*';
const ALL_ACCOUNTS_ROUTE = 'allAccountsRoute';
export const AllAccountsRoute = (): MethodDecorator => SetMetadata(ALL_ACCOUNTS_ROUTE, true);

const KEY_ONLY_ROUTE = 'keyOnlyRoute';
/** Needs a valid X-API-Key but acts for no account, so takes no accountId (GET /api/me). */
export const KeyOnlyRoute = (): MethodDecorator & ClassDecorator =>
  SetMetadata(KEY_ONLY_ROUTE, true);

export type AuthenticatedRequest = FastifyRequest & {
  principal?: Principal;
  apiKey?: StoredApiKey;
};

/** What an accountId may be; `*` is not one (staff reads every account with it, a key never holds it). */
export const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Every /api request needs an active X-API-Key and an accountId the key may act for. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(API_KEY_REPOSITORY) private readonly keys: ApiKeyRepository,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const marked = (name: string) =>
      this.reflector.getAllAndOverride<boolean>(name, [context.getHandler(), context.getClass()]);
    if (marked(PUBLIC_ROUTE)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['x-api-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key) throw new ApiError('UNAUTHENTICATED', 'The X-API-Key header is required.');
    const stored = await this.keys.findActiveByKey(key);
    if (!stored) throw new ApiError('UNAUTHENTICATED', 'The API key is not valid or was revoked.');
    request.apiKey = stored;
    if (marked(KEY_ONLY_ROUTE)) return true;
    const accountId = (request.query as Record<string, unknown> | undefined)?.accountId;
    const allAccounts = accountId === ALL_ACCOUNTS && marked(ALL_ACCOUNTS_ROUTE);
    if (typeof accountId !== 'string' || !(ACCOUNT_ID.test(accountId) || allAccounts)) {
      throw new ApiError('VALIDATION_FAILED', 'The accountId query parameter is required.', {
        errors: [
          { field: 'accountId', messages: ['accountId must be 1-64 letters, digits, - or _'] },
        ],
      });
    }
    if (stored.role === 'customer' && stored.accountId !== accountId) {
      throw new ApiError('ACCOUNT_FORBIDDEN', 'This API key may not act for that account.');
    }
    request.principal = {
      apiKeyId: stored.id,
      role: stored.role,
      keyAccountId: stored.accountId,
      accountId,
    };
    return true;
  }
}
