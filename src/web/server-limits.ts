import type { ServerOptions } from 'node:http';

/**
 * What the HTTP server allows a client before it is cut off (issue 7: slow clients held
 * connections open for minutes; Fastify leaves the whole-request timeout off by default).
 */
export interface ServerLimits {
  /** Largest request head (request line and headers) before 431; Node's own default, said out loud. */
  maxHeaderBytes: number;
  /** Time to send the whole request head before 408 and a closed connection (slowloris). */
  headersTimeoutMs: number;
  /** Time to send the whole request, body included: an 8 MB image over a slow line fits. */
  requestTimeoutMs: number;
  /** How often the server looks for clients past those times (Node's default is 30 s, which would let them linger). */
  checkIntervalMs: number;
}

/** The limits a serving node runs with. */
export const defaultServerLimits: ServerLimits = Object.freeze({
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  checkIntervalMs: 1_000,
});

/** Fastify's options for those limits (Fastify creates the server, so they go where it is made). */
export function serverOptions(limits: ServerLimits): { requestTimeout: number; http: ServerOptions } {
  return {
    requestTimeout: limits.requestTimeoutMs,
    http: {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
  };
}
