import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, registerDecorator } from 'class-validator';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** An ISO-8601 date (midnight UTC) or date-time with a zone, as an instant; null when it is not one. */
export function parseInstant(raw: string): Date | null {
  const match = ISO_INSTANT.exec(raw);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((p) => Number(p ?? 0));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Date.parse would roll 2025-02-30 over to March; a day that does not exist is not a time
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function IsInstant(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be an ISO-8601 time such as 2025-01-15T12:00:00Z`,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !!parseInstant(value),
      },
    });
}

export class GetTicketQueryParams {
  @IsString()
  accountId!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  minVersion?: number;

  /** The ticket as it was at this time, folded from the event store instead of read from the read model. */
  @IsOptional()
  @IsInstant()
  asOf?: string;
}
