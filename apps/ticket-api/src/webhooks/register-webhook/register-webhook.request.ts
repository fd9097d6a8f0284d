import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { TICKET_EVENT_TYPES } from '@app/domain';
import type { TicketEventType } from '@app/domain';

export class RegisterWebhookRequest {
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http or https URL' },
  )
  @MaxLength(2048)
  url!: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(TICKET_EVENT_TYPES.length)
  @IsIn(TICKET_EVENT_TYPES, {
    each: true,
    message: `eventTypes must be among ${TICKET_EVENT_TYPES.join(', ')}`,
  })
  eventTypes?: TicketEventType[];
}
