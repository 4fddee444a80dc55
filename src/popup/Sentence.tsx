import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../core/i18n';

/**
 * A message whose substitutions are elements, e.g. text from MBI in its own `<bdi>`: the words around
 * them stay the translator's, and the remote text never joins their direction. While the message is
 * looked up, substitution i stands as U+E000 (a private-use character no message holds) and the digit i.
 */
export function Sentence({ id, parts }: { id: MessageKey; parts: ComponentChildren[] }) {
  const text = t(id, ...parts.map((_, i) => `\uE000${i}`));
  // split() with a group: the even pieces are the message's words, the odd ones a substitution's index.
  return <>{text.split(/\uE000(\d)/).map((piece, i) => (i % 2 ? parts[Number(piece)] : piece))}</>;
}
