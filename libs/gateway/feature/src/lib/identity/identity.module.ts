import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwksController } from './jwks/jwks.controller';
import { LogInController } from './log-in/log-in.controller';
import { LogInHandler } from './log-in/log-in.handler';
import { LoginThrottle } from './login-throttle';
import { LogOutController } from './log-out/log-out.controller';
import { MeController } from './me/me.controller';
import { PasswordHasher } from './passwords';
import { RefreshTokenRepository } from './refresh-token.repository';
import { RefreshController } from './refresh/refresh.controller';
import { RefreshHandler } from './refresh/refresh.handler';
import { SetRolesController } from './roles/set-roles.controller';
import { SessionIssuer } from './session';
import { SignUpController } from './sign-up/sign-up.controller';
import { SignUpHandler } from './sign-up/sign-up.handler';
import { UserRecord } from './user.record';
import { UserRepository } from './user.repository';

/** Users, credentials and sessions: the gateway's own database (docs/architecture.md, data ownership). */
@Module({
  imports: [TypeOrmModule.forFeature([UserRecord])],
  controllers: [SignUpController, LogInController, RefreshController, LogOutController, MeController, JwksController, SetRolesController],
  providers: [PasswordHasher, UserRepository, RefreshTokenRepository, LoginThrottle, SessionIssuer, SignUpHandler, LogInHandler, RefreshHandler],
})
export class IdentityModule {}
