import { MessagingHeldKeys1796428800000, MessagingTables1763683200000 } from '@pathwise/platform/messaging';
import { CatalogSchema1763900000000 } from './1763900000000-catalog-schema';
import { SkillAliases1796515200000 } from './1796515200000-skill-aliases';

/** In order; `runMigrations` applies the ones a database has not seen. */
export const CATALOG_MIGRATIONS = [MessagingTables1763683200000, MessagingHeldKeys1796428800000, CatalogSchema1763900000000, SkillAliases1796515200000];
