// Public API of the contracts lib: zod schemas for events and HTTP, topic names, CloudEvents envelope (messaging issue).
export {};
