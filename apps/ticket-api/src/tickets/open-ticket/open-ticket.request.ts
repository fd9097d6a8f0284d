import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LIMITS } from '../shared/text-limits';

const NOT_BLANK = /\S/;

export class OpenTicketRequest {
  @IsString()
  @Matches(NOT_BLANK, { message: 'subject is required' })
  @MaxLength(LIMITS.subject)
  subject!: string;

  @IsString()
  @Matches(NOT_BLANK, { message: 'description is required' })
  @MaxLength(LIMITS.description)
  description!: string;

  @IsString()
  @Matches(NOT_BLANK, { message: 'topic is required' })
  @MaxLength(LIMITS.topic)
  topic!: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'propertyId may hold letters, digits and _ . : -' })
  @MaxLength(LIMITS.propertyId)
  propertyId?: string | null;
}
