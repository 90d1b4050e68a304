// Public API of the saga activities: factories building activities with injected HTTP clients.
export {};
