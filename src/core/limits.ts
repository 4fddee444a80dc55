// Limits every part agrees on.

/**
 * Each request to MBI gets this long; well under the 30 s after which Chrome stops an idle worker.
 * The simulator build shortens it (VITE_REQUEST_TIMEOUT_MS) so the browser tests wait less.
 */
export const REQUEST_TIMEOUT_MS = Number(import.meta.env.VITE_REQUEST_TIMEOUT_MS ?? 15_000);

/** Large enough for 10,000 connections, small enough that a runaway body cannot exhaust the worker. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
