import { MessagingHeldKeys1796428800000, MessagingTables1763683200000 } from '@pathwise/platform/messaging';
import { RecommendationTables1765000000000 } from './recommendation-tables.migration';
import { ResumeTables1765100000000 } from './resume-tables.migration';

/** Every migration of the recommendation database, in order (run by apps/recommendation/src/migrate.ts). */
export const RECOMMENDATION_MIGRATIONS = [MessagingTables1763683200000, MessagingHeldKeys1796428800000, RecommendationTables1765000000000, ResumeTables1765100000000];
