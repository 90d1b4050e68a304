import { CreateSkillBody, IF_MATCH_HEADER, SkillIdParams, UpdateSkillBody } from '@pathwise/contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { SkillNotFound, type Skill, type SkillId } from '@pathwise/catalog/domain';
import { Authenticated, Public, RequireRoles } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { expectedRevision, revisionTag } from '../roadmaps/edit/revision-precondition';
import { RoadmapViews } from '../roadmaps/roadmap-views.repository';
import { CreateSkillHandler, UpdateSkillHandler } from './edit/skill-editing.handler';

@ApiTags('skills')
@Controller('skills')
@Authenticated()
export class SkillsController {
  constructor(
    private readonly views: RoadmapViews,
    private readonly create: CreateSkillHandler,
    private readonly update: UpdateSkillHandler,
  ) {}

  @Get(':skillId')
  @Public()
  @Endpoint({ summary: 'Get a skill and the roadmaps that teach it', params: SkillIdParams, responses: { 200: 'The skill; ETag is its revision', 404: 'No such skill' } })
  async get(@Param() params: z.infer<typeof SkillIdParams>, @Res({ passthrough: true }) reply: FastifyReply) {
    const skill = await this.views.skill(params.skillId);
    if (!skill) throw new SkillNotFound(params.skillId);
    reply.header('etag', revisionTag(skill.revision));
    return skill;
  }

  @Post()
  @HttpCode(201)
  @RequireRoles('editor', 'admin')
  @Endpoint({ summary: 'Define a new skill', body: CreateSkillBody, responses: { 201: 'Created', 409: 'A skill with this slug exists', 422: 'Invalid fields' } })
  async createSkill(@Body() body: z.infer<typeof CreateSkillBody>, @Res({ passthrough: true }) reply: FastifyReply) {
    const skill = await this.create.execute(body);
    reply.header('location', `/skills/${skill.id}`);
    return respond(reply, skill);
  }

  @Patch(':skillId')
  @RequireRoles('editor', 'admin')
  @Endpoint({ summary: "Change a skill's name, description, market signals or aliases", description: 'Needs If-Match; emits SkillUpdated when something changed.', params: SkillIdParams, body: UpdateSkillBody, responses: { 200: 'Updated', 404: 'No such skill', 412: 'Stale If-Match', 422: 'Invalid fields', 428: 'If-Match missing' } })
  @ApiHeader(IF_MATCH_HEADER)
  async updateSkill(@Param() params: z.infer<typeof SkillIdParams>, @Body() body: z.infer<typeof UpdateSkillBody>, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return respond(reply, await this.update.execute(params.skillId as SkillId, expectedRevision(ifMatch), body));
  }
}

function respond(reply: FastifyReply, skill: Skill) {
  reply.header('etag', revisionTag(skill.revision));
  const { revision, ...state } = skill.toState();
  return { ...state, signals: state.signals ?? null, revision };
}
