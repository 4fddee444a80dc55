// The one way a page sends a command to the worker: typed by the contract in core/messages.ts, never rejecting.
import browser from './browser';
import type { AnswerTo, Command } from '../core/messages';

/** What a command brought: the worker's answer, or why none came (a closed channel, a restarted worker). */
export type Sent<T> = { sent: true; answer: T | undefined } | { sent: false; reason: string };

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Never rejects: a command that could not be delivered or answered resolves with the reason, for the caller to show. */
export async function send<C extends Command>(command: C): Promise<Sent<AnswerTo<C>>> {
  try {
    return { sent: true, answer: await browser.runtime.sendMessage<C, AnswerTo<C> | undefined>(command) };
  } catch (error) {
    return { sent: false, reason: reasonOf(error) };
  }
}
