import { useEffect, useState } from 'preact/hooks';

/** A form field's text that follows the stored value when that changes (a save, an import, another tab). */
export function useSynced(stored: string): [string, (value: string) => void] {
  const [text, setText] = useState(stored);
  useEffect(() => setText(stored), [stored]);
  return [text, setText];
}
