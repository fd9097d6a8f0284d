import { IsString, Matches, MaxLength } from 'class-validator';
import { LIMITS } from '../shared/text-limits';

/** The seed's AddMessageRequest: { "message": "string (required)" }. */
export class AddMessageRequest {
  @IsString({ message: 'Message is required.' })
  @Matches(/\S/, { message: 'Message is required.' })
  @MaxLength(LIMITS.message, { message: `Message must be at most ${LIMITS.message} characters.` })
  message!: string;
}
