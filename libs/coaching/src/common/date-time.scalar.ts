import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { Kind, type ValueNode } from 'graphql';
import { parseRfc3339 } from './validation.js';

/** What a value that is not an RFC 3339 date-time parses to: the argument check names its field (BAD_USER_INPUT). */
export const INVALID_DATE_TIME = () => new Date(Number.NaN);

/** Whether `value` is what the DateTime scalar made of a value that is not a date-time. */
export function isInvalidDateTime(value: unknown): boolean {
  return value instanceof Date && Number.isNaN(value.getTime());
}

/**
 * DateTime, strictly: an RFC 3339 date-time with `Z` or an offset, read exactly (Nest's default
 * reads anything `new Date()` does, so 1234 was 1970 and 2026-02-30 was 2 March). The scalar
 * cannot name the argument or input field it is in, so a refused value becomes an invalid Date
 * that ArgumentCheckGuard reports with its field before any resolver runs.
 */
@Scalar('DateTime', () => Date)
export class DateTimeScalar implements CustomScalar<string | null, Date> {
  description = 'An instant as an RFC 3339 date-time with Z or an offset, such as 2026-12-03T09:54:33Z; answered in UTC.';

  parseValue(value: unknown): Date {
    return parseRfc3339(value) ?? INVALID_DATE_TIME();
  }

  parseLiteral(ast: ValueNode): Date {
    return ast.kind === Kind.STRING ? this.parseValue(ast.value) : INVALID_DATE_TIME();
  }

  serialize(value: unknown): string | null {
    return value instanceof Date ? value.toISOString() : null;
  }
}
