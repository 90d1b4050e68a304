// Public API of the progress feature: event store, projections, HTTP and Kafka adapters (progress issue).
export {};
