// Public API of the progress domain: the event-sourced enrollment aggregate (progress issue).
export {};
