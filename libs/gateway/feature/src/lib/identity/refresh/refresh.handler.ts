import { Injectable } from '@nestjs/common';
import { ProblemException, problemType } from '@pathwise/platform/http';
import { RefreshTokenRepository } from '../refresh-token.repository';
import { SessionIssuer, type SessionResponse } from '../session';
import { UserRepository } from '../user.repository';

@Injectable()
export class RefreshHandler {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionIssuer,
  ) {}

  /** Rotation: the presented token is spent and a new one in the same family is returned. */
  async execute(refreshToken: string): Promise<SessionResponse> {
    const rotation = await this.refreshTokens.markUsed(refreshToken);
    const user = rotation.outcome === 'rotated' ? await this.users.findById(rotation.userId) : null;
    if (rotation.outcome !== 'rotated' || !user) {
      throw new ProblemException(
        { type: problemType('invalid-refresh-token'), status: 401, title: 'Invalid refresh token', detail: 'Log in again.' },
        { 'www-authenticate': 'Bearer realm="pathwise", error="invalid_token"' },
      );
    }
    // Roles are read again, so a role change reaches the next access token.
    return this.sessions.start(user, rotation.familyId);
  }
}
