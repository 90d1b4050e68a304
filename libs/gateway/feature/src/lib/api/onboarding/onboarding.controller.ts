import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  confirmSkillsRequest,
  ONBOARDING_CANCEL_UPDATE,
  ONBOARDING_CONFIRM_SKILLS_UPDATE,
  ONBOARDING_START_POLICY,
  ONBOARDING_STATUS_QUERY,
  ONBOARDING_WORKFLOW,
  onboardingStatusResponse,
  onboardingWorkflowId,
  startOnboardingRequest,
  type OnboardingInput,
  type OnboardingStatus,
} from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint, ProblemException, problemType } from '@pathwise/platform/http';
import { TEMPORAL_CLIENT } from '@pathwise/platform/temporal';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DownstreamClient } from '../../downstream/downstream-client';
import { InjectRecommendation } from '../../downstream/downstream.module';
import { forwardedHeaders } from '../../downstream/relay';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../../gateway.options';
import { Idempotent } from '../../idempotency/idempotency.interceptor';
import { segment } from '../api.request';

/** How long a query or an update may wait for the saga-worker before the learner gets 503. */
const WORKFLOW_CALL_TIMEOUT_MS = 5_000;

const ended = () => new ProblemException({ type: problemType('onboarding-ended'), status: 409, title: 'Conflict', detail: 'Your onboarding already ended; see GET /v1/onboarding.' });

const unavailable = () =>
  new ProblemException(
    { type: problemType('service-unavailable'), status: 503, title: 'Service unavailable', detail: 'Onboarding is unavailable right now; try again shortly.' },
    { 'retry-after': '5' },
  );

/**
 * The learner's onboarding: an orchestrated saga on Temporal whose workflow id is the learner, so
 * nobody can start, read or drive another learner's onboarding, and a second start attaches to the
 * running one instead of starting another saga.
 */
@ApiTags('onboarding')
@Controller('v1/onboarding')
@Authenticated()
export class OnboardingController {
  private readonly logger = new Logger(OnboardingController.name);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @InjectRecommendation() private readonly recommendation: DownstreamClient,
  ) {}

  @Post()
  @HttpCode(202)
  @Idempotent()
  @Endpoint({
    summary: 'Start my onboarding: profile, enrollment, optional resume analysis, skills to confirm, first recommendations',
    description: 'One onboarding per learner at a time: starting again while it runs answers the running one; once it ended, a start begins a new one. Follow `GET /v1/onboarding`.',
    body: startOnboardingRequest,
    responses: { 202: onboardingStatusResponse, 422: 'Invalid fields, or a resume upload that is not yours', 503: 'Onboarding is unavailable; retry with the same Idempotency-Key' },
  })
  async start(@Body() body: z.infer<typeof startOnboardingRequest>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    if (body.resumeUploadId) await this.requireOwnUpload(body.resumeUploadId, principal, request);
    const input: OnboardingInput = { learnerId: principal.subject, ...body };
    try {
      await this.temporal.workflow.start(ONBOARDING_WORKFLOW, {
        taskQueue: this.options.workflows.taskQueue,
        workflowId: onboardingWorkflowId(principal.subject),
        ...ONBOARDING_START_POLICY,
        args: [input],
      });
    } catch (error) {
      this.logger.error({ err: error }, 'could not start the onboarding workflow');
      throw unavailable();
    }
    return this.status(principal);
  }

  @Get()
  @Endpoint({ summary: 'My onboarding: current step, skills awaiting confirmation, outcome or failure cause', responses: { 200: onboardingStatusResponse, 404: 'No onboarding started' } })
  status(@CurrentPrincipal() principal: Principal) {
    return this.call(principal, async (workflowId, handle) => ({ workflowId, ...(await handle.query<OnboardingStatus>(ONBOARDING_STATUS_QUERY)) }));
  }

  @Post('confirmation')
  @HttpCode(200)
  @Idempotent()
  @Endpoint({
    summary: 'Confirm or reject each skill detected in my resume (only while it waits for me)',
    body: confirmSkillsRequest,
    responses: { 200: onboardingStatusResponse, 404: 'No onboarding started', 409: 'Not waiting for a confirmation, or not every detected skill answered exactly once' },
  })
  confirm(@Body() body: z.infer<typeof confirmSkillsRequest>, @CurrentPrincipal() principal: Principal) {
    return this.call(principal, async (workflowId, handle) => {
      await handle.executeUpdate(ONBOARDING_CONFIRM_SKILLS_UPDATE, { args: [body] });
      return { workflowId, ...(await handle.query<OnboardingStatus>(ONBOARDING_STATUS_QUERY)) };
    });
  }

  @Post('cancel')
  @HttpCode(200)
  @Idempotent()
  @Endpoint({
    summary: 'Cancel my onboarding: what it did so far is undone, in reverse order',
    responses: { 200: onboardingStatusResponse, 404: 'No onboarding started', 409: 'Too late to cancel: it is completing or ended' },
  })
  cancel(@CurrentPrincipal() principal: Principal) {
    return this.call(principal, async (workflowId, handle) => {
      await handle.executeUpdate(ONBOARDING_CANCEL_UPDATE, { args: [] });
      return { workflowId, ...(await handle.query<OnboardingStatus>(ONBOARDING_STATUS_QUERY)) };
    });
  }

  /** Runs against the caller's own workflow, mapping Temporal's answers to problem+json. */
  private async call<T>(principal: Principal, action: (workflowId: string, handle: ReturnType<Client['workflow']['getHandle']>) => Promise<T>): Promise<T> {
    const workflowId = onboardingWorkflowId(principal.subject);
    const handle = this.temporal.workflow.getHandle(workflowId);
    try {
      // A query or an update waits for a worker to answer; with none polling it would wait for as
      // long as the client does. Bounded, it is a 503 like any other unavailable dependency.
      return await this.temporal.withDeadline(Date.now() + WORKFLOW_CALL_TIMEOUT_MS, () => action(workflowId, handle));
    } catch (error) {
      // An update to a run that has ended is "not found" to Temporal; to the learner it is too late.
      if (error instanceof WorkflowNotFoundError && (await this.hasEnded(handle))) throw ended();
      if (error instanceof WorkflowNotFoundError) throw new ProblemException({ type: problemType('not-found'), status: 404, title: 'Not Found', detail: 'You have not started an onboarding.' });
      if (error instanceof WorkflowUpdateFailedError) {
        throw new ProblemException({ type: problemType('onboarding-refused'), status: 409, title: 'Conflict', detail: error.cause?.message ?? error.message });
      }
      this.logger.error({ err: error, workflowId }, 'onboarding call failed');
      throw unavailable();
    }
  }

  private async hasEnded(handle: ReturnType<Client['workflow']['getHandle']>): Promise<boolean> {
    try {
      return (await handle.describe()).status.name !== 'RUNNING';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /** A resume upload the caller does not own is refused like a bad field, never passed to the saga. */
  private async requireOwnUpload(uploadId: string, principal: Principal, request: FastifyRequest): Promise<void> {
    const answer = await this.recommendation.send({ method: 'GET', path: `/resumes/${segment(uploadId)}`, principal, requestId: request.id, headers: forwardedHeaders(request) });
    if (answer.status === 404) {
      throw new ProblemException({
        type: problemType('validation-failed'),
        status: 422,
        title: 'The request is not valid',
        detail: '1 invalid field; see errors',
        errors: [{ pointer: '/resumeUploadId', detail: 'is not one of your resume uploads' }],
      });
    }
    if (answer.status !== 200) throw unavailable();
  }
}
