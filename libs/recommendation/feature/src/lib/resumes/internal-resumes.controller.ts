import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { internalResumeResponse, resumeOwnerQuery, resumeParams } from '@pathwise/contracts';
import { Authenticated, RequireRoles } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AnalyzeResumeHandler } from './analyze-resume.handler';
import { ResumeNotFoundError } from './resume.errors';
import { ResumeRepository } from './resume.repository';

/** The resume-analysis workflow's steps, for service callers only (a verified token with role `service`). */
@ApiTags('internal')
@Authenticated()
@RequireRoles('service')
@Controller('internal/resumes')
export class InternalResumesController {
  constructor(
    private readonly analyze: AnalyzeResumeHandler,
    private readonly resumes: ResumeRepository,
    private readonly dataSource: DataSource,
  ) {}

  @Get(':resumeId')
  @Endpoint({
    summary: 'An upload, its owner and the skills its analysis found (for the onboarding saga)',
    params: resumeParams,
    query: resumeOwnerQuery,
    responses: { 200: internalResumeResponse, 404: 'No such upload, or not the named learner’s' },
  })
  async get(@Param() params: z.infer<typeof resumeParams>, @Query() query: z.infer<typeof resumeOwnerQuery>) {
    const upload = await this.resumes.find(this.dataSource.manager, params.resumeId, query.learnerId);
    if (!upload) throw new ResumeNotFoundError();
    const analysis = await this.resumes.analysis(this.dataSource.manager, params.resumeId);
    return { id: upload.upload_id, learnerId: upload.learner_id, status: upload.status, skills: analysis?.result.skills ?? [] };
  }

  @Delete(':resumeId/analysis')
  @HttpCode(204)
  @Endpoint({ summary: 'Compensation: delete an upload with its analysis (idempotent)', params: resumeParams, responses: { 204: 'Gone' } })
  async deleteAnalysis(@Param() params: z.infer<typeof resumeParams>): Promise<void> {
    await this.dataSource.query('DELETE FROM resume_uploads WHERE upload_id = $1', [params.resumeId]);
  }

  @Post(':resumeId/analysis')
  @HttpCode(200)
  @Endpoint({
    summary: 'Analyse an upload: parse, extract, store, publish ResumeAnalyzed (idempotent: a second call answers the stored result)',
    params: resumeParams,
    responses: { 200: 'Analysed', 404: 'No such upload', 422: 'RECOMMENDATION.RESUME_UNREADABLE: the file cannot be read (recorded as failed)' },
  })
  analysis(@Param() params: z.infer<typeof resumeParams>) {
    return this.analyze.execute(params.resumeId);
  }

  @Delete(':resumeId/content')
  @HttpCode(204)
  @Endpoint({ summary: 'Delete the raw file unless the learner chose to keep it (idempotent)', params: resumeParams, responses: { 204: 'Gone, or kept by choice' } })
  async discard(@Param() params: z.infer<typeof resumeParams>): Promise<void> {
    await this.resumes.discardContent(this.dataSource.manager, params.resumeId);
  }
}
