import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ProblemException, problemType } from '@pathwise/platform/http';
import { randomBytes } from 'node:crypto';
import { LoginThrottle } from '../login-throttle';
import { PasswordHasher } from '../passwords';
import { SessionIssuer, type SessionResponse } from '../session';
import { UserRepository } from '../user.repository';
import type { LogInRequest } from './log-in.request';

@Injectable()
export class LogInHandler implements OnModuleInit {
  /** Verified against when the email is unknown, so both failures cost one Argon2 verification. */
  private decoyHash = '';

  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionIssuer,
  ) {}

  async onModuleInit(): Promise<void> {
    this.decoyHash = await this.passwords.hash(randomBytes(16).toString('hex'));
  }

  async execute(request: LogInRequest, ip: string): Promise<SessionResponse> {
    await this.throttle.assertAllowed(request.email, ip);
    const user = await this.users.findByEmail(request.email);
    const valid = await this.passwords.verify(user?.passwordHash ?? this.decoyHash, request.password);
    if (!user || !valid) {
      await this.throttle.recordFailure(request.email, ip);
      // OWASP authentication cheat sheet: one answer for unknown account and wrong password.
      throw new ProblemException({ type: problemType('invalid-credentials'), status: 401, title: 'Invalid credentials', detail: 'The email or password is not correct.' });
    }
    await this.throttle.recordSuccess(request.email);
    if (this.passwords.needsRehash(user.passwordHash)) {
      await this.users.replacePasswordHash(user.id, user.passwordHash, await this.passwords.hash(request.password));
    }
    return this.sessions.start(user);
  }
}
