/** Injection tokens of the per-service runtime that the platform module provides (LOGGER: @agora/logging). */
export const MESSAGE_BUS = Symbol('agora.message-bus');
export const OUTBOX_RELAY = Symbol('agora.outbox-relay');
