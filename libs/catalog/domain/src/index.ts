// Public API of the catalog domain: roadmaps, stages, skills, prerequisites — plain TypeScript (catalog issue).
export {};
