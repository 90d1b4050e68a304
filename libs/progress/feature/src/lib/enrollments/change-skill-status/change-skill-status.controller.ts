import { changeSkillStatusParams, changeSkillStatusRequest, type ChangeSkillStatusRequest } from '@pathwise/contracts';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { z } from 'zod';
import { enrollmentResponse, enrollmentResponseOf } from '../enrollment.response';
import { ChangeSkillStatusHandler } from './change-skill-status.handler';

const changeSkillStatusResponse = enrollmentResponse.extend({
  alsoCompletedIn: z.array(z.string()).describe('Other roadmaps of the caller where this skill was completed too'),
});

@ApiTags('enrollments')
@Authenticated()
@Controller('enrollments')
export class ChangeSkillStatusController {
  constructor(private readonly handler: ChangeSkillStatusHandler) {}

  @Put(':roadmapId/skills/:skillId')
  @Endpoint({
    summary: "Change a skill's status in one of the caller's enrollments",
    params: changeSkillStatusParams,
    body: changeSkillStatusRequest,
    responses: {
      200: changeSkillStatusResponse,
      404: 'The caller is not enrolled in this roadmap',
      409: 'The enrollment changed since `expectedVersion` (or concurrently), the transition needs a reset first, or the enrollment is closed',
      422: 'Invalid body, or the skill is not in the current roadmap version',
    },
  })
  async change(
    @Param() params: { roadmapId: string; skillId: string },
    @Body() body: ChangeSkillStatusRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<z.infer<typeof changeSkillStatusResponse>> {
    const { enrollment, alsoCompletedIn } = await this.handler.execute({ learnerId: principal.subject, ...params, ...body }, new Date());
    return { ...enrollmentResponseOf(enrollment), alsoCompletedIn: [...alsoCompletedIn] };
  }
}
