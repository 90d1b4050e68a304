// The reference: a bare Fastify hello-world, same Node and machine as the gateway.
import fastify from 'fastify';

const app = fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('hello ready');
