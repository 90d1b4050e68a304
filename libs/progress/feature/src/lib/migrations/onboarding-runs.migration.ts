import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A learner may onboard again once an onboarding ended, under the same workflow id: completions
 * are told apart by the run (ADR 0061). Rows of runs that never sent one keep the empty run id.
 */
export class OnboardingRuns1802000000000 implements MigrationInterface {
  name = 'OnboardingRuns1802000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE learner_onboardings ADD COLUMN run_id text NOT NULL DEFAULT '';
      ALTER TABLE learner_onboardings DROP CONSTRAINT learner_onboardings_pkey, ADD PRIMARY KEY (learner_id, workflow_id, run_id);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    // Fails while a learner has two runs of one workflow: there is no single row to keep.
    await runner.query(`
      ALTER TABLE learner_onboardings DROP CONSTRAINT learner_onboardings_pkey, ADD PRIMARY KEY (learner_id, workflow_id);
      ALTER TABLE learner_onboardings DROP COLUMN run_id;
    `);
  }
}
