import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { BadUserInputError } from '#tandem/errors';

function firstProblem(errors: ValidationError[], path: string[] = []): { field: string; message: string } | undefined {
  for (const error of errors) {
    const here = [...path, error.property];
    const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (message) return { field: here.join('.'), message };
    const nested = firstProblem(error.children ?? [], here);
    if (nested) return nested;
  }
  return undefined;
}

/** Remembered passes per class; more than this and the memo starts again (values are validated, never wrongly passed). */
const REMEMBERED_PASSES = 1_000;
/** Longer keys (long text in an input) are not remembered. */
const MAX_KEY_LENGTH = 1_024;

/**
 * The validation pipe, remembering which argument values passed: the same page arguments come with
 * every visit (the portal's `first: 50`), and class-validator read the class's rules and ran them
 * each time (~4 % of a portal request). Only a flat object (strings, numbers, booleans, Dates, null)
 * is remembered, by its class and values after class-transformer, and only when it passed with
 * nothing stripped by `whitelist`; the rules are functions of the values alone, so a remembered pass
 * is the answer class-validator would give. Anything else, and every failure, is validated as before.
 */
class RememberingValidationPipe extends ValidationPipe {
  private readonly passed = new WeakMap<object, Set<string>>();

  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const key = flatKey(object);
    const passes = key === undefined ? undefined : this.passed.get(object.constructor);
    if (key !== undefined && passes?.has(key)) return [];
    const properties = Object.keys(object).length;
    const errors = await super.validate(object, validatorOptions);
    if (key !== undefined && errors.length === 0 && Object.keys(object).length === properties) {
      let remembered = passes;
      if (!remembered) this.passed.set(object.constructor, (remembered = new Set()));
      if (remembered.size >= REMEMBERED_PASSES) remembered.clear();
      remembered.add(key);
    }
    return errors;
  }
}

/** The own values of a flat object as text that tells every value apart (type and value), or undefined. */
function flatKey(object: object): string | undefined {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(object)) {
    let text: string;
    if (value === null) text = 'null';
    else if (value instanceof Date) text = `date:${value.getTime()}`;
    else if (typeof value === 'number') text = `number:${Object.is(value, -0) ? '-0' : String(value)}`;
    else if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'undefined')
      text = `${typeof value}:${String(value)}`;
    else return undefined;
    parts.push(name, text);
  }
  const key = JSON.stringify(parts);
  return key.length <= MAX_KEY_LENGTH ? key : undefined;
}

/** class-validator on every input, answering BAD_USER_INPUT that names the offending field. */
export function createValidationPipe(): ValidationPipe {
  return new RememberingValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors);
      return new BadUserInputError(problem?.message ?? 'Invalid input', problem?.field);
    },
  });
}
