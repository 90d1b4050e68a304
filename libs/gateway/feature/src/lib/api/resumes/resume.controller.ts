import { Body, Controller, Delete, Get, Headers, Inject, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  RESUME_ANALYSIS_START_POLICY,
  RESUME_ANALYSIS_WORKFLOW,
  resumeAnalysisWorkflowId,
  resumeOnRoadmapResponse,
  resumeParams,
  resumeResponse,
  resumeRoadmapParams,
  uploadResumeQuery,
  type ResumeAnalysisInput,
} from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { checkResumeUpload, Endpoint, ProblemException, problemType, RESUME_CONTENT_TYPES } from '@pathwise/platform/http';
import { TEMPORAL_CLIENT } from '@pathwise/platform/temporal';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DownstreamClient } from '../../downstream/downstream-client';
import { InjectRecommendation } from '../../downstream/downstream.module';
import { forwardedHeaders, relay } from '../../downstream/relay';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../../gateway.options';
import { Idempotent } from '../../idempotency/idempotency.interceptor';
import { queryString, segment } from '../api.request';
import { proxy } from '../proxy';

/**
 * Resume uploads: checked here before anything is stored (size, media type, bytes that match it),
 * stored by the recommendation service, analysed by the `resumeAnalysis` workflow the gateway
 * starts. The workflow id is derived from the upload, so a retry never analyses twice.
 */
@ApiTags('resumes')
@Controller('v1/resumes')
@Authenticated()
export class ResumeController {
  private readonly logger = new Logger(ResumeController.name);

  constructor(
    @InjectRecommendation() private readonly recommendation: DownstreamClient,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  @Post()
  @Idempotent()
  @ApiConsumes(...RESUME_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @Endpoint({
    summary: 'Upload a resume for analysis (PDF, DOCX, plain text or Markdown, at most 2 MB)',
    description: 'The body is the file, with its media type as Content-Type. Answers 202 with Location; follow it for the status and the skills found, each with its evidence.',
    query: uploadResumeQuery,
    responses: {
      202: resumeResponse,
      413: 'Larger than 2 MB (refused without reading the rest)',
      415: 'Not PDF, DOCX, text/plain or text/markdown',
      422: 'The bytes do not match the declared media type',
      503: 'The analysis could not be started; retry with the same Idempotency-Key',
    },
  })
  async upload(
    @Body() body: Buffer,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: z.infer<typeof uploadResumeQuery>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    checkResumeUpload(bytes, mediaType);
    const stored = await this.recommendation.send({
      method: 'POST',
      path: `/resumes${queryString(query)}`,
      principal,
      rawBody: { bytes, contentType: mediaType },
      requestId: request.id,
      headers: forwardedHeaders(request),
    });
    if (stored.status !== 201) {
      relay(reply, stored);
      return;
    }
    const upload = JSON.parse(stored.body.toString('utf8')) as { id: string };
    await this.startAnalysis({ uploadId: upload.id, learnerId: principal.subject });
    await reply.code(202).header('location', `/v1/resumes/${upload.id}`).header('content-type', 'application/json').send(stored.body);
  }

  @Get(':resumeId')
  @Endpoint({ summary: 'One of my resumes: status, and once analysed the skills it shows with their evidence', params: resumeParams, responses: { 200: resumeResponse, 404: 'Not one of your resumes' } })
  get(@Param() params: z.infer<typeof resumeParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.recommendation, request, reply, { method: 'GET', path: `/resumes/${segment(params.resumeId)}`, principal });
  }

  @Delete(':resumeId')
  @Endpoint({ summary: 'Delete one of my resumes: the file, its text and its analysis', params: resumeParams, responses: { 204: 'Deleted', 404: 'Not one of your resumes' } })
  delete(@Param() params: z.infer<typeof resumeParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.recommendation, request, reply, { method: 'DELETE', path: `/resumes/${segment(params.resumeId)}`, principal });
  }

  @Get(':resumeId/roadmaps/:roadmapId')
  @Endpoint({
    summary: 'Map my resume onto a roadmap: what it shows per stage, and the gaps in learning order',
    params: resumeRoadmapParams,
    responses: { 200: resumeOnRoadmapResponse, 404: 'Not one of your resumes, not analysed yet, or no such roadmap' },
  })
  roadmap(@Param() params: z.infer<typeof resumeRoadmapParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.recommendation, request, reply, { method: 'GET', path: `/resumes/${segment(params.resumeId)}/roadmaps/${segment(params.roadmapId)}`, principal });
  }

  /** Starting twice attaches to the running analysis, or finds the finished one; the upload stays stored if this fails, so a retry can start it. */
  private async startAnalysis(input: ResumeAnalysisInput): Promise<void> {
    try {
      await this.temporal.workflow.start(RESUME_ANALYSIS_WORKFLOW, {
        taskQueue: this.options.workflows.taskQueue,
        workflowId: resumeAnalysisWorkflowId(input.uploadId),
        ...RESUME_ANALYSIS_START_POLICY,
        args: [input],
      });
    } catch (error) {
      // The analysis of this upload already ran to its end: nothing to start (the id forbids a rerun).
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      this.logger.error({ err: error, uploadId: input.uploadId }, 'could not start the resume analysis');
      throw new ProblemException(
        { type: problemType('analysis-unavailable'), status: 503, title: 'Service unavailable', detail: 'The resume is stored but its analysis could not be started; retry with the same Idempotency-Key.' },
        { 'retry-after': '5' },
      );
    }
  }
}
