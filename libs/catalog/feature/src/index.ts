// Public API of the catalog feature: Nest modules for use cases, controllers, consumers, records (catalog issue).
export {};
