// Workflow code runs in Temporal's deterministic sandbox: import only `@temporalio/workflow`,
// contracts, and activity *types* (docs/contributing.md).
export { baselineWorkflow } from './lib/baseline.workflow';
export { resumeAnalysis, resumeAnalysisStatus } from './lib/resume-analysis.workflow';
export { cancelOnboarding, confirmSkills, onboarding, onboardingStatus, retryCompensations } from './lib/onboarding.workflow';
