import { ValidationError, ValidationPipe } from '@nestjs/common';
import { fail, FieldError } from './problem';

/** Every bad field of the request at once, nested ones as `a.b`. */
function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** Bodies and queries are checked against their DTO; unknown fields are refused, not ignored. */
export const apiValidation = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) =>
    fail(422, 'invalid', 'The request has invalid fields.', fieldErrors(errors)),
});
