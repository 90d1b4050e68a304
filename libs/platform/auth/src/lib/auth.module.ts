import { DynamicModule, Module } from '@nestjs/common';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenVerifier, type AccessTokenVerifierOptions } from './access-token';

/** Token verification for a service: the verifier and the guard behind `@Authenticated()`. */
@Module({})
export class AuthModule {
  static forRoot(options: AccessTokenVerifierOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: AccessTokenVerifier, useValue: new AccessTokenVerifier(options) }, AccessTokenGuard],
      exports: [AccessTokenVerifier, AccessTokenGuard],
    };
  }
}
