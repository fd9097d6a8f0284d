import { IsString, Matches, MaxLength } from 'class-validator';
import { LIMITS } from '../shared/text-limits';
import { MultiLineText } from '@app/platform/http/text.validators';

/** `{ "note": "..." }`: the same bounds as a reply's message. */
export class AddNoteRequest {
  // decorators run bottom-up, and validation stops at the first failure
  @MultiLineText('note')
  @MaxLength(LIMITS.message, { message: `Note must be at most ${LIMITS.message} characters.` })
  @Matches(/\S/, { message: 'Note is required.' })
  @IsString({ message: 'Note is required.' })
  note!: string;
}
