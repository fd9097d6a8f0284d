import { IsString, Matches, MaxLength } from 'class-validator';
import { LIMITS } from '../shared/text-limits';
import { MultiLineText } from '@app/platform/http/text.validators';

/** The seed's AddMessageRequest: { "message": "string (required)" }. */
export class AddMessageRequest {
  // decorators run bottom-up, and validation stops at the first failure
  @MultiLineText('message')
  @MaxLength(LIMITS.message, { message: `Message must be at most ${LIMITS.message} characters.` })
  @Matches(/\S/, { message: 'Message is required.' })
  @IsString({ message: 'Message is required.' })
  message!: string;
}
