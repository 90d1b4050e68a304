import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ProblemException, problemType } from '@pathwise/platform/http';
import type { FastifyRequest } from 'fastify';
import { AccessTokenVerifier, InvalidAccessToken, type Principal, type Role } from './access-token';

const PUBLIC = Symbol('public-route');
const REQUIRED_ROLES = Symbol('required-roles');

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/**
 * Every route of the controller (or the one method) needs a valid access token unless marked
 * `@Public()`: deny by default, so a new route is never open by accident.
 */
export function Authenticated(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseGuards(AccessTokenGuard), ApiBearerAuth());
}

/** Opens one route of an `@Authenticated()` controller to anonymous callers. */
export const Public = () => SetMetadata(PUBLIC, true);

/** The caller needs at least one of these roles; others get 403. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Whether `@Public()` opens the route (on the handler or its controller); for the API document. */
export function isPublicRoute(handler: object, controller: object): boolean {
  return Boolean(Reflect.getMetadata(PUBLIC, handler) ?? Reflect.getMetadata(PUBLIC, controller));
}

/** The roles `@RequireRoles` asks of the route (the handler's, else its controller's); for the API document. */
export function requiredRoles(handler: object, controller: object): readonly Role[] {
  return (Reflect.getMetadata(REQUIRED_ROLES, handler) ?? Reflect.getMetadata(REQUIRED_ROLES, controller) ?? []) as Role[];
}

/** The verified principal of the request; only on authenticated routes. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without @Authenticated()');
  return principal;
});

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

// Keyed by the request object, so an entry lives exactly as long as its request.
const principals = new WeakMap<FastifyRequest, Promise<Principal>>();

/**
 * The principal of the request's `Authorization: Bearer` token, parsed and verified at most once
 * per request however many guards ask (the gateway's rate limiter, then `@Authenticated()`).
 * Rejections are remembered too, so every caller gets the same answer: a 401 `ProblemException`
 * with its challenge for a missing header, another scheme or an invalid token, and the verifier's
 * own error for an outage. A service has one verifier (`AuthModule`), so the request alone is the key.
 * The `?access_token=` rule is not part of this: it is the guard's, checked before this is asked.
 */
export function requestPrincipal(request: FastifyRequest, verifier: AccessTokenVerifier): Promise<Principal> {
  let principal = principals.get(request);
  if (!principal) {
    principal = verifyBearer(request.headers.authorization, verifier);
    principals.set(request, principal);
  }
  return principal;
}

async function verifyBearer(header: string | undefined, verifier: AccessTokenVerifier): Promise<Principal> {
  if (!header) throw unauthorized(undefined, 'This route needs an access token');
  const match = BEARER.exec(header);
  if (!match) throw unauthorized('invalid_request', 'Use the Bearer scheme (RFC 6750)');
  try {
    return await verifier.verify(match[1] as string);
  } catch (error) {
    if (error instanceof InvalidAccessToken) throw unauthorized('invalid_token', 'The access token is not valid');
    throw error;
  }
}

@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // RFC 6750 §2.3 allows `?access_token=`, but URLs end up in logs and proxies: refused everywhere.
    const query = request.query as Record<string, unknown> | undefined;
    if (query && Object.hasOwn(query, 'access_token')) {
      throw unauthorized('invalid_request', 'Send the access token in the Authorization header, never in the URL');
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;

    request.principal = await requestPrincipal(request, this.verifier);

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => request.principal?.roles.includes(role))) {
      throw new ProblemException({ type: problemType('forbidden'), status: 403, title: 'Forbidden', detail: `Needs one of the roles: ${required.join(', ')}` }, {
        'www-authenticate': 'Bearer error="insufficient_scope"',
      });
    }
    return true;
  }
}

// RFC 6750 §3: the challenge names the error; the body stays generic so it tells an attacker nothing.
function unauthorized(error: 'invalid_request' | 'invalid_token' | undefined, detail: string): ProblemException {
  const challenge = error ? `Bearer realm="pathwise", error="${error}"` : 'Bearer realm="pathwise"';
  return new ProblemException({ type: problemType('unauthorized'), status: 401, title: 'Unauthorized', detail }, { 'www-authenticate': challenge });
}
