export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: string): string =>
  `https://docs.support-tickets.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
