// Public API of the recommendation feature: read models, resume analysis, recommendations.
export {};
