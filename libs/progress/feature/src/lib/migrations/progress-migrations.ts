import { MessagingHeldKeys1796428800000, MessagingTables1763683200000 } from '@pathwise/platform/messaging';
import { OnboardingRuns1802000000000 } from './onboarding-runs.migration';
import { OnboardingTables1801000000000 } from './onboarding-tables.migration';
import { ProgressTables1763900000000 } from './progress-tables.migration';

/** Every migration of the progress database, in order (run by apps/progress/src/migrate.ts). */
export const PROGRESS_MIGRATIONS = [MessagingTables1763683200000, MessagingHeldKeys1796428800000, ProgressTables1763900000000, OnboardingTables1801000000000, OnboardingRuns1802000000000];
