import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@pathwise/shared/domain';
import { readinessDetails } from '@pathwise/platform/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { type FieldError, type ProblemDetails, ProblemException, problemType, sendProblem, toPointer } from './problem-details';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  'precondition-failed': HttpStatus.PRECONDITION_FAILED,
};

/** Errors raised by Fastify itself (body parsing, limits) carry a client status and a safe message. */
function isFastifyClientError(error: unknown): error is Error & { statusCode: number; code: string } {
  const candidate = error as { statusCode?: unknown; code?: unknown };
  return (
    error instanceof Error &&
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500 &&
    typeof candidate.code === 'string' &&
    candidate.code.startsWith('FST_')
  );
}

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const problem: ProblemDetails = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status };
  if (typeof message === 'string') problem.detail = message;
  const checks = readinessDetails(exception);
  if (checks) problem.checks = checks;
  return problem;
}

/** A domain error about one input field (`details.field` like `signals.importance.level`) names it with a JSON Pointer. */
function fieldErrorOf(error: DomainError): { errors?: FieldError[] } {
  const { field } = error.details;
  if (typeof field !== 'string') return {};
  const pointer = toPointer(field.split(/[.[\]]+/).filter(Boolean));
  return { errors: [{ pointer, detail: error.message }] };
}

/**
 * The single place where errors become HTTP answers: every error of every route is RFC 9457
 * problem+json whose `status` equals the HTTP status (§3.1.2). Unknown errors become a generic 500
 * whose detail reveals nothing; the full error is logged with the same request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request.id);

    problem.instance ??= request.url.split('?')[0];
    problem.requestId = request.id;
    void sendProblem(reply, problem, exception instanceof ProblemException ? exception.headers : {});
  }

  private toProblem(exception: unknown, requestId: string): ProblemDetails {
    if (exception instanceof ProblemException) return { ...exception.problem };
    if (exception instanceof DomainError) {
      return {
        type: problemType(exception.code.toLowerCase().replace(/[._]/g, '-')),
        title: exception.message,
        status: STATUS_BY_KIND[exception.kind],
        code: exception.code,
        ...exception.details,
        ...fieldErrorOf(exception),
      };
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (isFastifyClientError(exception)) {
      return { type: 'about:blank', title: STATUS_CODES[exception.statusCode] ?? 'Error', status: exception.statusCode, detail: exception.message };
    }
    this.logger.error({ err: exception, requestId }, 'unhandled error');
    return {
      type: 'about:blank',
      title: STATUS_CODES[500] as string,
      status: 500,
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
    };
  }
}
