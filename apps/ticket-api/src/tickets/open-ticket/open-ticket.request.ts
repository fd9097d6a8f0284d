import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LIMITS } from '../shared/text-limits';
import { MultiLineText, SingleLineText } from '@app/platform/http/text.validators';

const NOT_BLANK = /\S/;

export class OpenTicketRequest {
  @IsString()
  @Matches(NOT_BLANK, { message: 'subject is required' })
  @MaxLength(LIMITS.subject)
  @SingleLineText('subject')
  subject!: string;

  @IsString()
  @Matches(NOT_BLANK, { message: 'description is required' })
  @MaxLength(LIMITS.description)
  @MultiLineText('description')
  description!: string;

  @IsString()
  @Matches(NOT_BLANK, { message: 'topic is required' })
  @MaxLength(LIMITS.topic)
  @SingleLineText('topic')
  topic!: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'propertyId may hold letters, digits and _ . : -' })
  @MaxLength(LIMITS.propertyId)
  propertyId?: string | null;
}
