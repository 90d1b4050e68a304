export { ListRoadmapsQuery, RoadmapParams, RoadmapVersionParams } from '@pathwise/contracts';
