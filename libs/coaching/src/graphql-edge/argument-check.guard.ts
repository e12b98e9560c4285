import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { getNamedType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType, type GraphQLResolveInfo } from 'graphql';
import { BadUserInputError } from '#tandem/errors';
import { isInvalidDateTime } from '../common/date-time.scalar.js';
import { isStorableText, MAX_TEXT, UUID_PATTERN } from '../common/validation.js';

interface Problem {
  field: string;
  message: string;
}

/**
 * What every argument of every operation must be, whatever its resolver or input class says,
 * read from the GraphQL types of the arguments and of every input field inside them:
 * strings (ID included) storable as text and at most MAX_TEXT long, IDs UUIDs, DateTimes
 * date-times. Runs as a global guard, before rate limits count anything or a transaction opens.
 * A field is named as the validation pipe names it: inside an input object, its path within it.
 */
export function argumentProblem(
  info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>,
  args: Record<string, unknown>,
): Problem | undefined {
  const definition = info.parentType.getFields()[info.fieldName];
  for (const argument of definition?.args ?? []) {
    const objectArgument = isInputObjectType(getNamedType(argument.type));
    const problem = valueProblem(args[argument.name], argument.type, objectArgument ? '' : argument.name);
    if (problem) return problem;
  }
  return undefined;
}

function valueProblem(value: unknown, type: GraphQLInputType, field: string): Problem | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return valueProblem(value, type.ofType, field);
  if (isListType(type)) {
    if (!Array.isArray(value)) return valueProblem(value, type.ofType, field);
    for (const item of value) {
      const problem = valueProblem(item, type.ofType, field);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    for (const inner of Object.values(type.getFields())) {
      const problem = valueProblem(
        (value as Record<string, unknown>)[inner.name],
        inner.type,
        field ? `${field}.${inner.name}` : inner.name,
      );
      if (problem) return problem;
    }
    return undefined;
  }
  if (type.name === 'DateTime' && isInvalidDateTime(value)) {
    return { field, message: `${field} must be a date-time such as 2026-12-01T09:00:00Z (with Z or an offset)` };
  }
  if (typeof value === 'string' && (type.name === 'String' || type.name === 'ID')) {
    if (!isStorableText(value))
      return { field, message: `${field} contains a character that cannot be saved (a null character or half of an emoji)` };
    if (value.length > MAX_TEXT) return { field, message: `${field} must be at most ${MAX_TEXT} characters` };
    if (type.name === 'ID' && !UUID_PATTERN.test(value)) return { field, message: `${field} is not an id` };
  }
  return undefined;
}

@Injectable()
export class ArgumentCheckGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const problem = argumentProblem(gql.getInfo<GraphQLResolveInfo>(), gql.getArgs<Record<string, unknown>>());
    if (problem) throw new BadUserInputError(problem.message, problem.field);
    return true;
  }
}
