import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AddSkillBody,
  AddStageBody,
  CreateRoadmapBody,
  CreateSkillBody,
  DraftParams,
  PrerequisitesBody,
  ResourceBody,
  ResourceQuery,
  SkillIdParams,
  SkillOrderBody,
  SkillParams,
  StageOrderBody,
  StageParams,
  UpdateDetailsBody,
  UpdateSkillBody,
  UpdateStageBody,
} from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, type Principal, RequireRoles } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DownstreamClient, HttpMethod } from '../../downstream/downstream-client';
import { InjectCatalog } from '../../downstream/downstream.module';
import { Idempotent } from '../../idempotency/idempotency.interceptor';
import { queryString, segment } from '../api.request';
import { proxy } from '../proxy';

const DRAFT = 'Drafts carry ETag "r<revision>"; changes need If-Match (428 without, 412 when stale).';
const EDITOR_ANSWERS = { 401: 'No valid access token', 403: 'Not an editor' };
const DRAFT_CHANGE_ANSWERS = { ...EDITOR_ANSWERS, 409: 'Another change won the race; reload the draft', 412: 'Stale If-Match', 428: 'If-Match missing' };

/**
 * Editor operations, proxied to the catalog with an editor token. The gateway checks the role
 * first (deny by default); the catalog checks it again (authorization in the owning service).
 */
@ApiTags('catalog-editor')
@Controller('v1')
@Authenticated()
export class CatalogEditorController {
  constructor(@InjectCatalog() private readonly catalog: DownstreamClient) {}

  private send(request: FastifyRequest, reply: FastifyReply, principal: Principal, method: HttpMethod, path: string, body?: unknown): Promise<void> {
    return proxy(this.catalog, request, reply, { method, path, principal, body });
  }

  @Post('roadmaps')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Create a roadmap draft (editor)', body: CreateRoadmapBody, responses: { 201: 'Created, with Location', 409: 'Slug taken', ...EDITOR_ANSWERS } })
  create(@Body() body: z.infer<typeof CreateRoadmapBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'POST', '/roadmaps', body);
  }

  @Get('roadmaps/:slug/draft')
  @RequireRoles('editor')
  @Endpoint({ summary: 'The draft of a roadmap (editor)', description: DRAFT, params: DraftParams, responses: { 200: 'The draft, with an ETag', ...EDITOR_ANSWERS } })
  draft(@Param() params: z.infer<typeof DraftParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'GET', `/roadmaps/${segment(params.slug)}/draft`);
  }

  @Patch('roadmaps/:slug/draft')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Change a draft (editor)', description: DRAFT, params: DraftParams, body: UpdateDetailsBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  patchDraft(@Param() params: z.infer<typeof DraftParams>, @Body() body: z.infer<typeof UpdateDetailsBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'PATCH', `/roadmaps/${segment(params.slug)}/draft`, body);
  }

  @Post('roadmaps/:slug/draft/stages')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Add a stage to a draft (editor)', description: DRAFT, params: DraftParams, body: AddStageBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  addStage(@Param() params: z.infer<typeof DraftParams>, @Body() body: z.infer<typeof AddStageBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'POST', `/roadmaps/${segment(params.slug)}/draft/stages`, body);
  }

  @Patch('roadmaps/:slug/draft/stages/:stageId')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Change a stage (editor)', description: DRAFT, params: StageParams, body: UpdateStageBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  patchStage(@Param() params: z.infer<typeof StageParams>, @Body() body: z.infer<typeof UpdateStageBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'PATCH', `/roadmaps/${segment(params.slug)}/draft/stages/${segment(params.stageId)}`, body);
  }

  @Delete('roadmaps/:slug/draft/stages/:stageId')
  @RequireRoles('editor')
  @Endpoint({ summary: 'Remove a stage (editor)', description: DRAFT, params: StageParams, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  removeStage(@Param() params: z.infer<typeof StageParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'DELETE', `/roadmaps/${segment(params.slug)}/draft/stages/${segment(params.stageId)}`);
  }

  @Put('roadmaps/:slug/draft/stage-order')
  @RequireRoles('editor')
  @Endpoint({ summary: 'Reorder stages (editor)', description: DRAFT, params: DraftParams, body: StageOrderBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  orderStages(@Param() params: z.infer<typeof DraftParams>, @Body() body: z.infer<typeof StageOrderBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'PUT', `/roadmaps/${segment(params.slug)}/draft/stage-order`, body);
  }

  @Post('roadmaps/:slug/draft/stages/:stageId/skills')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Add a skill to a stage (editor)', description: DRAFT, params: StageParams, body: AddSkillBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  addSkill(@Param() params: z.infer<typeof StageParams>, @Body() body: z.infer<typeof AddSkillBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'POST', `/roadmaps/${segment(params.slug)}/draft/stages/${segment(params.stageId)}/skills`, body);
  }

  @Put('roadmaps/:slug/draft/stages/:stageId/skill-order')
  @RequireRoles('editor')
  @Endpoint({ summary: 'Reorder the skills of a stage (editor)', description: DRAFT, params: StageParams, body: SkillOrderBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  orderSkills(@Param() params: z.infer<typeof StageParams>, @Body() body: z.infer<typeof SkillOrderBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'PUT', `/roadmaps/${segment(params.slug)}/draft/stages/${segment(params.stageId)}/skill-order`, body);
  }

  @Delete('roadmaps/:slug/draft/skills/:skillId')
  @RequireRoles('editor')
  @Endpoint({ summary: 'Remove a skill from a draft (editor)', description: DRAFT, params: SkillParams, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  removeSkill(@Param() params: z.infer<typeof SkillParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'DELETE', `/roadmaps/${segment(params.slug)}/draft/skills/${segment(params.skillId)}`);
  }

  @Put('roadmaps/:slug/draft/skills/:skillId/prerequisites')
  @RequireRoles('editor')
  @Endpoint({ summary: 'Replace the prerequisites of a skill (editor)', description: DRAFT, params: SkillParams, body: PrerequisitesBody, responses: { 200: 'The draft', 422: 'Unknown skill or a cycle', ...DRAFT_CHANGE_ANSWERS } })
  prerequisites(@Param() params: z.infer<typeof SkillParams>, @Body() body: z.infer<typeof PrerequisitesBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'PUT', `/roadmaps/${segment(params.slug)}/draft/skills/${segment(params.skillId)}/prerequisites`, body);
  }

  @Post('roadmaps/:slug/draft/skills/:skillId/resources')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Attach a learning resource to a skill (editor)', description: `${DRAFT} URLs must be public http(s) links.`, params: SkillParams, body: ResourceBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  addResource(@Param() params: z.infer<typeof SkillParams>, @Body() body: z.infer<typeof ResourceBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'POST', `/roadmaps/${segment(params.slug)}/draft/skills/${segment(params.skillId)}/resources`, body);
  }

  @Delete('roadmaps/:slug/draft/skills/:skillId/resources')
  @RequireRoles('editor')
  @Endpoint({ summary: 'Detach a learning resource from a skill (editor)', description: DRAFT, params: SkillParams, query: ResourceQuery, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  removeResource(@Param() params: z.infer<typeof SkillParams>, @Query() query: z.infer<typeof ResourceQuery>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'DELETE', `/roadmaps/${segment(params.slug)}/draft/skills/${segment(params.skillId)}/resources${queryString(query)}`);
  }

  @Post('roadmaps/:slug/publish')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Publish the draft as a new version (editor)', description: DRAFT, params: DraftParams, responses: { 200: 'The published version', ...DRAFT_CHANGE_ANSWERS } })
  publish(@Param() params: z.infer<typeof DraftParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'POST', `/roadmaps/${segment(params.slug)}/publish`, request.body ?? undefined);
  }

  @Post('roadmaps/:slug/retire')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Retire a roadmap (editor)', params: DraftParams, responses: { 200: 'Retired', ...DRAFT_CHANGE_ANSWERS } })
  retire(@Param() params: z.infer<typeof DraftParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'POST', `/roadmaps/${segment(params.slug)}/retire`, request.body ?? undefined);
  }

  @Post('skills')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Create a skill (editor)', body: CreateSkillBody, responses: { 201: 'Created, with Location', 409: 'Slug taken', ...EDITOR_ANSWERS } })
  createSkill(@Body() body: z.infer<typeof CreateSkillBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'POST', '/skills', body);
  }

  @Patch('skills/:skillId')
  @RequireRoles('editor')
  @Idempotent()
  @Endpoint({ summary: 'Change a skill (editor)', params: SkillIdParams, body: UpdateSkillBody, responses: { 200: 'The skill', ...DRAFT_CHANGE_ANSWERS } })
  patchSkill(@Param() params: z.infer<typeof SkillIdParams>, @Body() body: z.infer<typeof UpdateSkillBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send(request, reply, principal, 'PATCH', `/skills/${segment(params.skillId)}`, body);
  }
}
