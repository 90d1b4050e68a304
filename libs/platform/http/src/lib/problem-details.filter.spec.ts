import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { DomainError } from '@pathwise/shared/domain';
import { createHttpApp, PROBLEM_CONTENT_TYPE, ProblemException } from '../index';

class SkillNotInRoadmap extends DomainError {
  readonly code = 'PROGRESS.SKILL_NOT_IN_ROADMAP';
  readonly kind = 'invalid' as const;
}

class InvalidSignal extends DomainError {
  readonly code = 'TEST.INVALID_FIELD';
  readonly kind = 'invalid' as const;
}

@Controller('probe')
class ProbeController {
  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: unknown) {
    return body;
  }

  @Get('crash')
  crash() {
    throw new Error('duplicate key value violates unique constraint "users_email_key" at UserRecord.save (/app/src/user.record.ts:42)');
  }

  @Get('domain')
  domain() {
    throw new SkillNotInRoadmap('Skill is not part of this roadmap', { skillId: 'git' });
  }

  @Get('domain-field')
  domainField() {
    throw new InvalidSignal('signals.importance.level must be one of low, medium, high', { field: 'signals.importance.level' });
  }

  @Get('problem')
  problem() {
    throw new ProblemException({ status: 400, detail: 'Invalid input', errors: [{ pointer: '/email', detail: 'must be an email' }, { pointer: '/password', detail: 'too short' }] });
  }
}

@Module({
  imports: [ObservabilityModule.forRoot({ service: 'probe', logLevel: 'silent', readiness: [] })],
  controllers: [ProbeController],
})
class ProbeModule {}

describe('ProblemDetailsFilter (RFC 9457)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(ProbeModule, { bodyLimit: 1024 });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const inject = (options: Parameters<NestFastifyApplication['inject']>[0]) => app.inject(options);

  it.each([
    ['unknown route', { method: 'GET' as const, url: '/nowhere' }, 404],
    ['bad JSON', { method: 'POST' as const, url: '/probe/echo', headers: { 'content-type': 'application/json' }, payload: '{"a":' }, 400],
    ['body over the limit', { method: 'POST' as const, url: '/probe/echo', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ a: 'x'.repeat(2048) }) }, 413],
    ['unsupported content type', { method: 'POST' as const, url: '/probe/echo', headers: { 'content-type': 'text/csv' }, payload: 'a,b' }, 415],
    ['forced internal error', { method: 'GET' as const, url: '/probe/crash' }, 500],
  ])('when the request is a %s, then the answer is problem+json whose status equals the HTTP status', async (_, request, status) => {
    const response = await inject(request);

    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({ type: 'about:blank', status, requestId: response.headers['x-request-id'] });
  });

  it('when an unexpected error carries SQL, stack and class names, then the client sees none of them', async () => {
    const response = await inject({ method: 'GET', url: '/probe/crash' });
    const body = response.body;

    expect(response.json().detail).toBe('An unexpected error occurred. Quote the request id when reporting it.');
    for (const leak of ['duplicate key', 'users_email_key', 'UserRecord', 'user.record.ts', 'at ']) expect(body).not.toContain(leak);
  });

  it('when a domain rule is broken, then its stable code and kind decide the answer', async () => {
    const response = await inject({ method: 'GET', url: '/probe/domain' });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: 'https://pathwise.dev/problems/progress-skill-not-in-roadmap',
      code: 'PROGRESS.SKILL_NOT_IN_ROADMAP',
      status: 422,
      skillId: 'git',
    });
  });

  it('when a domain error names a field, then it becomes a field error with a pointer', async () => {
    const response = await inject({ method: 'GET', url: '/probe/domain-field' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ pointer: '/signals/importance/level', detail: expect.stringContaining('must be one of') }]);
  });

  it('when several fields are invalid, then each gets its own entry with a JSON Pointer', async () => {
    const response = await inject({ method: 'GET', url: '/probe/problem' });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { pointer: '/email', detail: 'must be an email' },
      { pointer: '/password', detail: 'too short' },
    ]);
  });

  it('when the caller sends an unsafe request id, then a fresh one replaces it', async () => {
    const response = await inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'bad id\nforged-log-line' } });

    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
