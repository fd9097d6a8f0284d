import { Controller, Get } from '@nestjs/common';
import { PublicRoute } from '@app/platform/auth/api-key.guard';
import { buildOpenApiDocument } from './openapi.document';

@Controller('api')
@PublicRoute()
export class OpenApiController {
  private readonly document = buildOpenApiDocument();

  @Get('openapi.json')
  get(): object {
    return this.document;
  }
}
