// The reference for the HTTP benchmarks: the smallest Fastify server there is, answering a constant JSON body.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
