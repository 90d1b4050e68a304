import { MessagingTables1763683200000 } from '@pathwise/platform/messaging';
import { ProgressTables1763900000000 } from './progress-tables.migration';

/** Every migration of the progress database, in order (run by apps/progress/src/migrate.ts). */
export const PROGRESS_MIGRATIONS = [MessagingTables1763683200000, ProgressTables1763900000000];
