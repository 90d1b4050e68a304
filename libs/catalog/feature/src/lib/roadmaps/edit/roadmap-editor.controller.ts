import { AddSkillBody, AddStageBody, CreateRoadmapBody, DraftParams, IF_MATCH_HEADER, PrerequisitesBody, ResourceBody, ResourceQuery, SkillOrderBody, SkillParams, StageOrderBody, StageParams, UpdateDetailsBody, UpdateStageBody } from '@pathwise/contracts';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Roadmap, SkillId } from '@pathwise/catalog/domain';
import { Authenticated, RequireRoles } from '@pathwise/platform/auth';
import { type ApiLink, Endpoint } from '@pathwise/platform/http';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { RoadmapRepository } from '../roadmap.repository';
import { ChangeRoadmapHandler, type ChangeOptions } from './change-roadmap.handler';
import { CreateRoadmapHandler } from './create-roadmap.handler';
import { editorView } from './editor-view';
import { expectedRevision, revisionTag } from './revision-precondition';

const CHANGE_ANSWERS = {
  200: "The roadmap's editor view; its ETag is the new revision",
  404: 'No such roadmap, stage, skill or resource',
  409: 'The change conflicts with the roadmap as it is (duplicate, retired roadmap, an order that is not the current ids, a prerequisite cycle or outside the roadmap, nothing to publish, lost race)',
  412: 'If-Match is not the current revision',
  422: 'Invalid fields (a rule of the fields alone, such as a skill requiring itself)',
  428: 'If-Match is missing',
};

/** OpenAPI links: a draft's slug and ETag lead from each answer to the next change (create → read → change → publish). */
const draftLinks = (slug: string): Record<string, ApiLink> => {
  const change = { slug, 'header.If-Match': '$response.header.ETag' };
  return {
    GetDraft: { operationId: 'RoadmapEditorController_draft', parameters: { slug } },
    ChangeDetails: { operationId: 'RoadmapEditorController_updateDetails', parameters: change },
    AddStage: { operationId: 'RoadmapEditorController_addStage', parameters: change },
    Publish: { operationId: 'RoadmapEditorController_publish', parameters: change },
  };
};

type Params<T extends z.ZodType> = z.infer<T>;

/** Editor operations on drafts; every change needs If-Match with the revision the editor saw. */
@ApiTags('roadmap editing')
@Controller('roadmaps')
@Authenticated()
@RequireRoles('editor', 'admin')
export class RoadmapEditorController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roadmaps: RoadmapRepository,
    private readonly create: CreateRoadmapHandler,
    private readonly change: ChangeRoadmapHandler,
  ) {}

  @Post()
  @HttpCode(201)
  @Endpoint({ summary: 'Create a roadmap draft', body: CreateRoadmapBody, responses: { 201: 'Created; ETag is its revision', 409: 'The slug is taken', 422: 'Invalid fields' }, links: { 201: draftLinks('$request.body#/slug') } })
  async createDraft(@Body() body: z.infer<typeof CreateRoadmapBody>, @Res({ passthrough: true }) reply: FastifyReply) {
    const roadmap = await this.create.execute(body);
    reply.header('location', `/roadmaps/${roadmap.slug}/draft`);
    return respond(reply, roadmap);
  }

  @Get(':slug/draft')
  @Endpoint({ summary: "Get a roadmap's editable content and revision", params: DraftParams, responses: { 200: 'Editor view; ETag is the revision', 404: 'No such roadmap' }, links: { 200: draftLinks('$request.path.slug') } })
  async draft(@Param() params: Params<typeof DraftParams>, @Res({ passthrough: true }) reply: FastifyReply) {
    return respond(reply, await this.roadmaps.get(this.dataSource.manager, params.slug));
  }

  @Patch(':slug/draft')
  @Endpoint({ summary: 'Change title, summary, kind or tags', params: DraftParams, body: UpdateDetailsBody, responses: CHANGE_ANSWERS, links: { 200: draftLinks('$request.path.slug') } })
  @ApiHeader(IF_MATCH_HEADER)
  updateDetails(@Param() p: Params<typeof DraftParams>, @Body() body: z.infer<typeof UpdateDetailsBody>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.updateDetails(body, revision));
  }

  @Post(':slug/draft/stages')
  @HttpCode(200)
  @Endpoint({ summary: 'Append a stage', params: DraftParams, body: AddStageBody, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  addStage(@Param() p: Params<typeof DraftParams>, @Body() body: z.infer<typeof AddStageBody>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.addStage(body, revision));
  }

  @Patch(':slug/draft/stages/:stageId')
  @Endpoint({ summary: 'Rename or describe a stage', params: StageParams, body: UpdateStageBody, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  updateStage(@Param() p: Params<typeof StageParams>, @Body() body: z.infer<typeof UpdateStageBody>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.updateStage(p.stageId, body, revision));
  }

  @Delete(':slug/draft/stages/:stageId')
  @Endpoint({ summary: 'Remove a stage with its skills', params: StageParams, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  removeStage(@Param() p: Params<typeof StageParams>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.removeStage(p.stageId, revision));
  }

  @Put(':slug/draft/stage-order')
  @Endpoint({ summary: 'Reorder the stages (list every stage once)', params: DraftParams, body: StageOrderBody, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  reorderStages(@Param() p: Params<typeof DraftParams>, @Body() body: z.infer<typeof StageOrderBody>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.reorderStages(body.stageIds, revision));
  }

  @Post(':slug/draft/stages/:stageId/skills')
  @HttpCode(200)
  @Endpoint({ summary: 'Place an existing skill in a stage', params: StageParams, body: AddSkillBody, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  addSkill(@Param() p: Params<typeof StageParams>, @Body() body: z.infer<typeof AddSkillBody>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const skillId = body.skillId as SkillId;
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.addSkill(p.stageId, { skillId, priority: body.priority }, revision), { placesSkills: [skillId] });
  }

  @Put(':slug/draft/stages/:stageId/skill-order')
  @Endpoint({ summary: "Reorder a stage's skills (list every skill once)", params: StageParams, body: SkillOrderBody, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  reorderSkills(@Param() p: Params<typeof StageParams>, @Body() body: z.infer<typeof SkillOrderBody>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.reorderSkills(p.stageId, body.skillIds as SkillId[], revision));
  }

  @Delete(':slug/draft/skills/:skillId')
  @Endpoint({ summary: 'Remove a skill from the roadmap', params: SkillParams, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  removeSkill(@Param() p: Params<typeof SkillParams>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.removeSkill(p.skillId as SkillId, revision));
  }

  @Put(':slug/draft/skills/:skillId/prerequisites')
  @Endpoint({ summary: 'Replace what a skill requires', description: 'Refused with 422 when the edges would form a cycle.', params: SkillParams, body: PrerequisitesBody, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  setPrerequisites(@Param() p: Params<typeof SkillParams>, @Body() body: z.infer<typeof PrerequisitesBody>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.setPrerequisites(p.skillId as SkillId, body.requires as SkillId[], revision));
  }

  @Post(':slug/draft/skills/:skillId/resources')
  @HttpCode(200)
  @Endpoint({ summary: 'Attach a learning resource to a skill', description: 'Only public http(s) URLs; internal hosts and address literals are refused.', params: SkillParams, body: ResourceBody, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  attachResource(@Param() p: Params<typeof SkillParams>, @Body() body: z.infer<typeof ResourceBody>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.attachResource(p.skillId as SkillId, body, revision));
  }

  @Delete(':slug/draft/skills/:skillId/resources')
  @Endpoint({ summary: 'Detach a resource, named by its URL', params: SkillParams, query: ResourceQuery, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  detachResource(@Param() p: Params<typeof SkillParams>, @Query() query: z.infer<typeof ResourceQuery>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.detachResource(p.skillId as SkillId, query.url, revision));
  }

  @Post(':slug/publish')
  @HttpCode(200)
  @Endpoint({ summary: 'Publish the draft as the next immutable version', description: 'Emits RoadmapPublished; earlier versions stay readable.', params: DraftParams, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  publish(@Param() p: Params<typeof DraftParams>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.publish(new Date(), revision), { changesLiveView: true });
  }

  @Post(':slug/retire')
  @HttpCode(200)
  @Endpoint({ summary: 'Retire the roadmap for good', description: 'Emits RoadmapRetired.', params: DraftParams, responses: CHANGE_ANSWERS })
  @ApiHeader(IF_MATCH_HEADER)
  retire(@Param() p: Params<typeof DraftParams>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.#change(reply, p.slug, ifMatch, (roadmap, revision) => roadmap.retire(new Date(), revision), { changesLiveView: true });
  }

  async #change(reply: FastifyReply, slug: string, ifMatch: string | undefined, apply: (roadmap: Roadmap, revision: number) => void, options?: ChangeOptions) {
    const revision = expectedRevision(ifMatch);
    return respond(reply, await this.change.execute(slug, revision, (roadmap) => apply(roadmap, revision), options));
  }
}

function respond(reply: FastifyReply, roadmap: Roadmap) {
  reply.header('etag', revisionTag(roadmap.revision)).header('cache-control', 'no-store');
  return editorView(roadmap);
}
