/** Injection tokens of the per-service runtime that the platform module provides. */
export const LOGGER = Symbol('agora.logger');
export const MESSAGE_BUS = Symbol('agora.message-bus');
export const OUTBOX_RELAY = Symbol('agora.outbox-relay');
