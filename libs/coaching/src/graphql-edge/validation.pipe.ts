import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** class-validator on every input, answering BAD_USER_INPUT that names the offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
