// The reference for an HTTP read: bare Fastify answering the exact status, headers and body the
// measured endpoint answered once (read as JSON from stdin), so both move the same bytes per request.
import Fastify from 'fastify';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { status, headers, body } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const payload = Buffer.from(body, 'base64');

const app = Fastify({ logger: false });
app.get('/*', (_request, reply) => {
  reply.code(status).headers(headers).send(payload);
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
