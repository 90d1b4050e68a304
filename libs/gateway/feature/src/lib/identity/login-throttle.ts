import { Inject, Injectable } from '@nestjs/common';
import { ProblemException, problemType } from '@pathwise/platform/http';
import { REDIS, withRedisTimeout } from '@pathwise/platform/persistence';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';

/**
 * Failed logins counted per account and per client IP in Redis (shared by every replica). The
 * account counter is what stops a distributed guesser rotating IPs or spoofing X-Forwarded-For
 * (the IP is the socket peer's, or the one a trusted proxy forwarded: never a client's header). Counters exist for unknown emails too, so throttling
 * reveals nothing about which accounts exist. Redis down means no throttle, so logins fail
 * closed with 503 (ADR 0011).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const { perAccount, perIp } = this.options.loginThrottle;
    const [account, address] = [this.accountKey(email), this.ipKey(ip)];
    const [counts, ttls] = await this.guard(() =>
      Promise.all([this.redis.mget(account, address), Promise.all([this.redis.pttl(account), this.redis.pttl(address)])]),
    );
    const blocked = [Number(counts[0] ?? 0) >= perAccount ? ttls[0] : -1, Number(counts[1] ?? 0) >= perIp ? ttls[1] : -1].filter((ttl) => ttl > 0);
    if (blocked.length > 0) {
      const retryAfter = Math.ceil(Math.max(...blocked) / 1000);
      throw new ProblemException(
        { type: problemType('too-many-login-attempts'), status: 429, title: 'Too many login attempts', detail: 'Try again later.' },
        { 'retry-after': String(retryAfter) },
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const windowMs = this.options.loginThrottle.windowSeconds * 1000;
    const pipeline = this.redis.multi();
    // The window starts at the first failure (NX) and is not extended by later ones.
    for (const key of [this.accountKey(email), this.ipKey(ip)]) pipeline.incr(key).pexpire(key, windowMs, 'NX');
    await this.guard(() => pipeline.exec());
  }

  async recordSuccess(email: string): Promise<void> {
    await this.guard(() => this.redis.del(this.accountKey(email)));
  }

  private accountKey(email: string): string {
    // Hashed so raw emails never sit in Redis key names (they show up in monitoring tools).
    return `${this.options.redisKeyPrefix}login:account:${createHash('sha256').update(email).digest('base64url')}`;
  }

  private ipKey(ip: string): string {
    return `${this.options.redisKeyPrefix}login:ip:${ip}`;
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await withRedisTimeout(operation());
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      throw new ProblemException(
        { type: problemType('login-unavailable'), status: 503, title: 'Login is temporarily unavailable', detail: 'Try again shortly.' },
        { 'retry-after': '5' },
      );
    }
  }
}
