import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  AddSkillBody,
  AddStageBody,
  CreateRoadmapBody,
  CreateSkillBody,
  DraftParams,
  IF_MATCH_HEADER,
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
import { type ApiLink, Endpoint } from '@pathwise/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DownstreamClient } from '../../downstream/downstream-client';
import { InjectCatalog } from '../../downstream/downstream.module';
import { Idempotent } from '../../idempotency/idempotency.interceptor';
import { queryString, segment } from '../api.request';
import { proxy } from '../proxy';

const DRAFT = 'Drafts carry ETag "r<revision>"; changes need If-Match (428 without, 412 when stale).';
const EDITOR_ANSWERS = { 401: 'No valid access token', 403: 'Not an editor' };
/** The catalog's answer for a slug, stage, skill or resource it does not have, relayed. */
const EDITOR_ITEM_ANSWERS = { ...EDITOR_ANSWERS, 404: 'No such roadmap, stage, skill or resource' };
const DRAFT_CHANGE_ANSWERS = { ...EDITOR_ITEM_ANSWERS, 400: 'Invalid path, query or body, malformed If-Match or Idempotency-Key', 409: 'The change conflicts with the draft as it is (duplicate, retired, an order or prerequisites that do not fit its content, nothing to publish) or another change won the race; reload the draft', 412: 'Stale If-Match', 428: 'If-Match missing' };

/**
 * OpenAPI links of the editing flow: a draft's slug and its ETag (the revision) lead from each
 * answer to the next change, so a client (and the contract test's stateful phase) can create →
 * read → change → publish without guessing.
 */
const draftLinks = (slug: string): Record<string, ApiLink> => {
  const draft = { slug, 'header.If-Match': '$response.header.ETag' };
  return {
    GetDraft: { operationId: 'CatalogEditorController_draft', parameters: { slug } },
    ChangeDraft: { operationId: 'CatalogEditorController_patchDraft', parameters: draft },
    AddStage: { operationId: 'CatalogEditorController_addStage', parameters: draft },
    Publish: { operationId: 'CatalogEditorController_publish', parameters: draft },
  };
};
const CREATED_DRAFT_LINKS = { 201: draftLinks('$request.body#/slug') };
const DRAFT_LINKS = { 200: draftLinks('$request.path.slug') };
const STAGE_LINKS = {
  200: {
    ...draftLinks('$request.path.slug'),
    ChangeStage: { operationId: 'CatalogEditorController_patchStage', parameters: { slug: '$request.path.slug', stageId: '$request.body#/id', 'header.If-Match': '$response.header.ETag' } },
    AddSkill: { operationId: 'CatalogEditorController_addSkill', parameters: { slug: '$request.path.slug', stageId: '$request.body#/id', 'header.If-Match': '$response.header.ETag' } },
  },
};
const CREATED_SKILL_LINKS = {
  201: { ChangeSkill: { operationId: 'CatalogEditorController_patchSkill', parameters: { skillId: '$response.body#/id', 'header.If-Match': '$response.header.ETag' } } },
};

/**
 * Editor operations, proxied to the catalog with an editor token. The gateway checks the role
 * first (deny by default); the catalog checks it again (authorization in the owning service).
 */
@ApiTags('catalog-editor')
@Controller('v1')
@Authenticated()
@RequireRoles('editor')
export class CatalogEditorController {
  constructor(@InjectCatalog() private readonly catalog: DownstreamClient) {}

  @Post('roadmaps')
  @Idempotent()
  @Endpoint({ summary: 'Create a roadmap draft (editor)', body: CreateRoadmapBody, responses: { 201: 'Created, with Location and ETag', 409: 'Slug taken', ...EDITOR_ANSWERS }, links: CREATED_DRAFT_LINKS })
  create(@Body() body: z.infer<typeof CreateRoadmapBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'POST', path: '/roadmaps', principal, body });
  }

  @Get('roadmaps/:slug/draft')
  @Endpoint({ summary: 'The draft of a roadmap (editor)', description: DRAFT, params: DraftParams, responses: { 200: 'The draft, with an ETag', ...EDITOR_ITEM_ANSWERS }, links: DRAFT_LINKS })
  draft(@Param() params: z.infer<typeof DraftParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'GET', path: `/roadmaps/${segment(params.slug)}/draft`, principal });
  }

  @Patch('roadmaps/:slug/draft')
  @Idempotent()
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Change a draft (editor)', description: DRAFT, params: DraftParams, body: UpdateDetailsBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS }, links: DRAFT_LINKS })
  patchDraft(@Param() params: z.infer<typeof DraftParams>, @Body() body: z.infer<typeof UpdateDetailsBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'PATCH', path: `/roadmaps/${segment(params.slug)}/draft`, principal, body });
  }

  @Post('roadmaps/:slug/draft/stages')
  @Idempotent()
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Add a stage to a draft (editor)', description: DRAFT, params: DraftParams, body: AddStageBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS }, links: STAGE_LINKS })
  addStage(@Param() params: z.infer<typeof DraftParams>, @Body() body: z.infer<typeof AddStageBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'POST', path: `/roadmaps/${segment(params.slug)}/draft/stages`, principal, body });
  }

  @Patch('roadmaps/:slug/draft/stages/:stageId')
  @Idempotent()
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Change a stage (editor)', description: DRAFT, params: StageParams, body: UpdateStageBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  patchStage(@Param() params: z.infer<typeof StageParams>, @Body() body: z.infer<typeof UpdateStageBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'PATCH', path: `/roadmaps/${segment(params.slug)}/draft/stages/${segment(params.stageId)}`, principal, body });
  }

  @Delete('roadmaps/:slug/draft/stages/:stageId')
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Remove a stage (editor)', description: DRAFT, params: StageParams, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  removeStage(@Param() params: z.infer<typeof StageParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'DELETE', path: `/roadmaps/${segment(params.slug)}/draft/stages/${segment(params.stageId)}`, principal });
  }

  @Put('roadmaps/:slug/draft/stage-order')
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Reorder stages (editor)', description: DRAFT, params: DraftParams, body: StageOrderBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  orderStages(@Param() params: z.infer<typeof DraftParams>, @Body() body: z.infer<typeof StageOrderBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'PUT', path: `/roadmaps/${segment(params.slug)}/draft/stage-order`, principal, body });
  }

  @Post('roadmaps/:slug/draft/stages/:stageId/skills')
  @Idempotent()
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Add a skill to a stage (editor)', description: DRAFT, params: StageParams, body: AddSkillBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  addSkill(@Param() params: z.infer<typeof StageParams>, @Body() body: z.infer<typeof AddSkillBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'POST', path: `/roadmaps/${segment(params.slug)}/draft/stages/${segment(params.stageId)}/skills`, principal, body });
  }

  @Put('roadmaps/:slug/draft/stages/:stageId/skill-order')
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Reorder the skills of a stage (editor)', description: DRAFT, params: StageParams, body: SkillOrderBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  orderSkills(@Param() params: z.infer<typeof StageParams>, @Body() body: z.infer<typeof SkillOrderBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'PUT', path: `/roadmaps/${segment(params.slug)}/draft/stages/${segment(params.stageId)}/skill-order`, principal, body });
  }

  @Delete('roadmaps/:slug/draft/skills/:skillId')
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Remove a skill from a draft (editor)', description: DRAFT, params: SkillParams, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  removeSkill(@Param() params: z.infer<typeof SkillParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'DELETE', path: `/roadmaps/${segment(params.slug)}/draft/skills/${segment(params.skillId)}`, principal });
  }

  @Put('roadmaps/:slug/draft/skills/:skillId/prerequisites')
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Replace the prerequisites of a skill (editor)', description: DRAFT, params: SkillParams, body: PrerequisitesBody, responses: { 200: 'The draft', 422: 'A skill requiring itself', ...DRAFT_CHANGE_ANSWERS } })
  prerequisites(@Param() params: z.infer<typeof SkillParams>, @Body() body: z.infer<typeof PrerequisitesBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'PUT', path: `/roadmaps/${segment(params.slug)}/draft/skills/${segment(params.skillId)}/prerequisites`, principal, body });
  }

  @Post('roadmaps/:slug/draft/skills/:skillId/resources')
  @Idempotent()
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Attach a learning resource to a skill (editor)', description: `${DRAFT} URLs must be public http(s) links.`, params: SkillParams, body: ResourceBody, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  addResource(@Param() params: z.infer<typeof SkillParams>, @Body() body: z.infer<typeof ResourceBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'POST', path: `/roadmaps/${segment(params.slug)}/draft/skills/${segment(params.skillId)}/resources`, principal, body });
  }

  @Delete('roadmaps/:slug/draft/skills/:skillId/resources')
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Detach a learning resource from a skill (editor)', description: DRAFT, params: SkillParams, query: ResourceQuery, responses: { 200: 'The draft', ...DRAFT_CHANGE_ANSWERS } })
  removeResource(@Param() params: z.infer<typeof SkillParams>, @Query() query: z.infer<typeof ResourceQuery>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'DELETE', path: `/roadmaps/${segment(params.slug)}/draft/skills/${segment(params.skillId)}/resources${queryString(query)}`, principal });
  }

  @Post('roadmaps/:slug/publish')
  @Idempotent()
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Publish the draft as a new version (editor)', description: DRAFT, params: DraftParams, responses: { 200: 'The published version', ...DRAFT_CHANGE_ANSWERS } })
  publish(@Param() params: z.infer<typeof DraftParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'POST', path: `/roadmaps/${segment(params.slug)}/publish`, principal });
  }

  @Post('roadmaps/:slug/retire')
  @Idempotent()
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Retire a roadmap (editor)', params: DraftParams, responses: { 200: 'Retired', ...DRAFT_CHANGE_ANSWERS } })
  retire(@Param() params: z.infer<typeof DraftParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'POST', path: `/roadmaps/${segment(params.slug)}/retire`, principal });
  }

  @Post('skills')
  @Idempotent()
  @Endpoint({ summary: 'Create a skill (editor)', body: CreateSkillBody, responses: { 201: 'Created, with Location and ETag', 409: 'Slug taken', ...EDITOR_ANSWERS }, links: CREATED_SKILL_LINKS })
  createSkill(@Body() body: z.infer<typeof CreateSkillBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'POST', path: '/skills', principal, body });
  }

  @Patch('skills/:skillId')
  @Idempotent()
  @ApiHeader(IF_MATCH_HEADER)
  @Endpoint({ summary: 'Change a skill (editor)', params: SkillIdParams, body: UpdateSkillBody, responses: { 200: 'The skill', ...DRAFT_CHANGE_ANSWERS } })
  patchSkill(@Param() params: z.infer<typeof SkillIdParams>, @Body() body: z.infer<typeof UpdateSkillBody>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'PATCH', path: `/skills/${segment(params.skillId)}`, principal, body });
  }
}
