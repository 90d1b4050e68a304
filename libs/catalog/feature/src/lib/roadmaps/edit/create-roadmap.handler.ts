import { Injectable } from '@nestjs/common';
import { Roadmap, type RoadmapDetails } from '@pathwise/catalog/domain';
import { DataSource } from 'typeorm';
import { RoadmapRepository } from '../roadmap.repository';

@Injectable()
export class CreateRoadmapHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roadmaps: RoadmapRepository,
  ) {}

  async execute(input: { slug: string } & RoadmapDetails): Promise<Roadmap> {
    const roadmap = Roadmap.create(input);
    await this.dataSource.transaction((manager) => this.roadmaps.add(manager, roadmap));
    return roadmap;
  }
}
