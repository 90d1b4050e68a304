// A second reference for the gateway benchmark: NestJS on its Fastify adapter with one controller
// answering a constant JSON body, no guards, interceptors, logging or headers. The gap between this
// and bare Fastify is the framework's; the gap between this and the gateway is ours.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

class HelloController {
  hello() {
    return { hello: 'world' };
  }
}
// Decorators applied as functions: this file is plain JavaScript, run without a compiler.
Get('/')(HelloController.prototype, 'hello', Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello'));
Controller()(HelloController);
class HelloModule {}
Module({ controllers: [HelloController] })(HelloModule);

const app = await NestFactory.create(HelloModule, new FastifyAdapter(), { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
