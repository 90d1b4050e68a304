import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { resumeOnRoadmapResponse, resumeParams, resumeResponse, resumeRoadmapParams, uploadResumeQuery } from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { checkResumeUpload, Endpoint, RESUME_CONTENT_TYPES } from '@pathwise/platform/http';
import type { z } from 'zod';
import { ResumeOnRoadmapQuery } from './resume-on-roadmap.query';
import { ResumeViews } from './resume.views';

/** The caller's own resumes; another learner's id is simply not found. */
@ApiTags('resumes')
@Authenticated()
@Controller('resumes')
export class ResumesController {
  constructor(
    private readonly views: ResumeViews,
    private readonly onRoadmap: ResumeOnRoadmapQuery,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiConsumes(...RESUME_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @Endpoint({
    summary: 'Upload a resume (PDF, DOCX, plain text or Markdown, at most 2 MB) for analysis',
    description: 'The body is the file itself, with its media type as Content-Type. A retry with the same Idempotency-Key finds the first upload.',
    query: uploadResumeQuery,
    responses: { 201: resumeResponse, 413: 'Larger than 2 MB', 415: 'Not one of the accepted media types', 422: 'The bytes do not match the declared media type' },
  })
  upload(
    @Body() body: Buffer,
    @Headers('content-type') contentType: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Query() query: z.infer<typeof uploadResumeQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    checkResumeUpload(Buffer.isBuffer(body) ? body : Buffer.alloc(0), mediaType);
    return this.views.upload({ learnerId: principal.subject, bytes: body, contentType: mediaType, keep: query.keep, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Get(':resumeId')
  @Endpoint({ summary: 'One of my resumes: its status and, once analysed, the skills it shows with their evidence', params: resumeParams, responses: { 200: resumeResponse, 404: 'Not one of your resumes' } })
  get(@Param() params: z.infer<typeof resumeParams>, @CurrentPrincipal() principal: Principal) {
    return this.views.get(params.resumeId, principal.subject);
  }

  @Delete(':resumeId')
  @HttpCode(204)
  @Endpoint({ summary: 'Delete one of my resumes: the file, its text and its analysis', params: resumeParams, responses: { 204: 'Deleted', 404: 'Not one of your resumes' } })
  async delete(@Param() params: z.infer<typeof resumeParams>, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.views.delete(params.resumeId, principal.subject);
  }

  @Get(':resumeId/roadmaps/:roadmapId')
  @Endpoint({
    summary: 'Map my resume onto a roadmap: per stage what it shows and what it does not, and the gaps in learning order',
    params: resumeRoadmapParams,
    responses: { 200: resumeOnRoadmapResponse, 404: 'Not one of your resumes, no such roadmap, or not analysed yet' },
  })
  roadmap(@Param() params: z.infer<typeof resumeRoadmapParams>, @CurrentPrincipal() principal: Principal) {
    return this.onRoadmap.execute(params.resumeId, principal.subject, params.roadmapId);
  }
}
