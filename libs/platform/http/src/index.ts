export { createHttpApp, type HttpAppOptions } from './lib/create-http-app';
export { ProblemDetailsFilter } from './lib/problem-details.filter';
export { PROBLEM_CONTENT_TYPE, ProblemException, problemType, type FieldError, type ProblemDetails } from './lib/problem-details';
export { runMain } from './lib/run-main';
