import { Body, Controller, Get, HttpCode, Module, Param, Post, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { z } from 'zod';
import { createHttpApp, Endpoint } from '../index';
import { jsonSchema, STORABLE_TEXT_PATTERN } from './endpoint';

const Registration = z.strictObject({ email: z.email(), age: z.number().int().min(13), tags: z.array(z.string().max(5)).max(3).default([]) });
const Listing = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });

@Controller('probe')
class ProbeController {
  @Post('register')
  @HttpCode(200)
  @Endpoint({ summary: 'Register', body: Registration })
  register(@Body() body: z.infer<typeof Registration>) {
    return body;
  }

  @Get('items/:id')
  @Endpoint({ summary: 'List', params: z.object({ id: z.uuid() }), query: Listing })
  list(@Param('id') id: string, @Query() query: z.infer<typeof Listing>) {
    return { id, ...query };
  }
}

@Module({ imports: [ObservabilityModule.forRoot({ service: 'probe', logLevel: 'silent', readiness: [] })], controllers: [ProbeController] })
class ProbeModule {}

describe('@Endpoint request validation', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(ProbeModule);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/probe/register', payload: payload as object });

  it('when the body matches, then the handler receives the parsed value with defaults', async () => {
    const response = await post({ email: 'a@example.com', age: 30 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ email: 'a@example.com', age: 30, tags: [] });
  });

  it('when several fields are invalid, then each gets one entry with a JSON Pointer and the status is 422', async () => {
    const response = await post({ email: 'nope', age: 3, tags: ['ok', 'too-long'] });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const body = response.json();
    expect(body.status).toBe(422);
    expect(body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(['/age', '/email', '/tags/1']);
  });

  it('when the body carries fields the contract does not know (mass assignment), then each is named and nothing reaches the handler', async () => {
    const response = await post({ email: 'a@example.com', age: 30, role: 'admin', createdAt: 'now' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { pointer: '/role', detail: 'is not a known field' },
      { pointer: '/createdAt', detail: 'is not a known field' },
    ]);
  });

  it('when the body is missing, then the root is reported', async () => {
    const response = await app.inject({ method: 'POST', url: '/probe/register' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '' })]);
  });

  it('when a query or path parameter is invalid, then the answer is 400 naming where it was', async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/items/not-a-uuid?limit=1000000' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ pointer: '/id', in: 'path' }),
      expect.objectContaining({ pointer: '/limit', in: 'query' }),
    ]);
  });

  it('when query parameters are valid, then they arrive coerced', async () => {
    const id = '6f1c1f3e-6f0b-4a63-9f3a-4b1f6f0d2a11';
    const response = await app.inject({ method: 'GET', url: `/probe/items/${id}?limit=7` });
    expect(response.json()).toEqual({ id, limit: 7 });
  });

  describe('strings PostgreSQL cannot store', () => {
    it('when a body string holds NUL, then it is 422 naming the field, before the schema runs', async () => {
      const response = await post({ email: 'a\u0000b@example.com', age: 30, tags: ['ok', 'x\u0000'] });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([
        { pointer: '/email', detail: 'must not contain NUL characters or unpaired surrogates' },
        { pointer: '/tags/1', detail: 'must not contain NUL characters or unpaired surrogates' },
      ]);
    });

    it('when a body string or key holds a lone surrogate, then it is 422, while a paired surrogate (an emoji) passes', async () => {
      const lone = await app.inject({ method: 'POST', url: '/probe/register', headers: { 'content-type': 'application/json' }, payload: '{"email":"a@example.com","age":30,"tags":["\\ud800"],"\\udfff":1}' });
      expect(lone.statusCode).toBe(422);
      expect(lone.json().errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/tags/0', '/\udfff']);

      const emoji = await post({ email: 'a@example.com', age: 30, tags: ['\u{1F600}'] });
      expect(emoji.statusCode).toBe(200);
      expect(emoji.json().tags).toEqual(['\u{1F600}']);
    });

    it('when a query value is percent-encoded bytes that are not UTF-8 (an encoded surrogate), then it is 400 rather than a silently replaced character', async () => {
      const response = await app.inject({ method: 'GET', url: '/probe/items/6f1c1f3e-6f0b-4a63-9f3a-4b1f6f0d2a11?limit=%ED%A0%80' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: '/limit', in: 'query', detail: 'must be UTF-8 text' }]);
    });

    it('when a query or path parameter holds NUL, then it is 400 naming where it was', async () => {
      const response = await app.inject({ method: 'GET', url: '/probe/items/a%00b?limit=1%00' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { pointer: '/id', in: 'path', detail: 'must not contain NUL characters or unpaired surrogates' },
        { pointer: '/limit', in: 'query', detail: 'must not contain NUL characters or unpaired surrogates' },
      ]);
    });
  });

  describe('the document states the same refusal', () => {
    const storable = { pattern: STORABLE_TEXT_PATTERN };

    it('when a free-text string is documented, then its pattern refuses NUL and accepts other text', () => {
      const schema = jsonSchema(z.strictObject({ note: z.string().max(10) }), 'input') as { properties: { note: { pattern: string } } };
      const pattern = new RegExp(schema.properties.note.pattern, 'u');

      expect(schema.properties.note).toMatchObject(storable);
      expect(['a\u0000b', '\u0000'].map((text) => pattern.test(text))).toEqual([false, false]);
      expect(['', 'héllo 😀', 'line\nbreak'].map((text) => pattern.test(text))).toEqual([true, true, true]);
    });

    it('when a string has a pattern of listed characters, an enum or a format, then nothing is added; a pattern that admits any character gets the refusal too', () => {
      const schema = jsonSchema(
        z.strictObject({ slug: z.string().regex(/^[a-z0-9.-]+$/), kind: z.enum(['a', 'b']), at: z.iso.datetime(), q: z.string().regex(/\S/) }),
        'input',
      ) as { properties: Record<string, Record<string, unknown>> };

      expect(schema.properties['slug']).toEqual({ type: 'string', pattern: '^[a-z0-9.-]+$' });
      expect(schema.properties['kind']).not.toHaveProperty('pattern');
      expect(schema.properties['at']).not.toHaveProperty('allOf');
      expect(schema.properties['q']).toMatchObject({ pattern: '\\S', allOf: [storable] });
    });

    it('when a response is documented, then it is left as zod renders it', () => {
      expect(jsonSchema(z.object({ note: z.string() }), 'output')).toEqual({ type: 'object', properties: { note: { type: 'string' } }, required: ['note'], additionalProperties: false });
    });
  });
});
