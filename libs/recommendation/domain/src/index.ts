// Public API of the recommendation domain: pure, framework-free modules.
export * from './lib/recommender';
export * from './lib/resume';
