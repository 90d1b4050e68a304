import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { z } from 'zod';
import { ProgressReadRepository } from '../../projections/progress-read.repository';
import { enrollmentSummaryResponse, toEnrollmentSummaryResponse } from '../enrollment.response';

const listResponse = z.object({ items: z.array(enrollmentSummaryResponse) });

@ApiTags('enrollments')
@Authenticated()
@Controller('enrollments')
export class ListEnrollmentsController {
  constructor(private readonly reads: ProgressReadRepository) {}

  @Get()
  @Endpoint({ summary: "The caller's enrollments, closed ones included, from the read model", responses: { 200: listResponse } })
  async list(@CurrentPrincipal() principal: Principal): Promise<z.infer<typeof listResponse>> {
    const rows = await this.reads.enrollmentsOf(principal.subject);
    return { items: rows.map(toEnrollmentSummaryResponse) };
  }
}
