import { HttpException, HttpStatus } from '@nestjs/common';
import type { FailureCode, Outcome } from '../../common/outcome';
import { AnyReason, reasonText } from '../../texts/ru/reasons';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details; `code` is the machine-readable reason (the domain's failure code). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** The domain's reasons as HTTP: a refused transition conflicts with the order's state. */
const STATUS_OF: Record<FailureCode, number> = {
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  not_your_order: HttpStatus.FORBIDDEN,
  wrong_status: HttpStatus.CONFLICT,
  already_changed: HttpStatus.PRECONDITION_FAILED,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
};

export function problem(
  status: number,
  code: string,
  detail?: string,
  errors?: FieldError[],
): Problem {
  return {
    // A relative reference (RFC 9457 §3.1.1): the codes are listed in docs/api.md.
    type: `/api/docs#problem-${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

/** Thrown by the API's controllers and guards; the problem filter writes it out. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}

export const fail = (status: number, code: string, detail?: string, errors?: FieldError[]) =>
  new ProblemException(problem(status, code, detail, errors));

/** The value of a use case, or its failure as a problem. */
export function valueOf<T>(outcome: Outcome<T, AnyReason>): T {
  if (outcome.ok) return outcome.value;
  const detail = reasonText(outcome);
  const errors = outcome.field ? [{ field: outcome.field, message: detail }] : undefined;
  throw fail(STATUS_OF[outcome.code], outcome.code, detail, errors);
}
