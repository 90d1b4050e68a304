// Public API of the gateway feature: identity, authorization, rate limits, idempotency keys (gateway issue).
export {};
