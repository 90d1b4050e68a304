// Public API of the saga activities: factories building activities with injected HTTP clients.
export { createResumeAnalysisActivities, type ResumeAnalysisActivitiesConfig } from './lib/resume-analysis.activities';
export { createOnboardingActivities, type OnboardingActivitiesConfig, type OnboardingServiceConfig } from './lib/onboarding.activities';
