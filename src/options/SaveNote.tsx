import { notSaved } from './use-options';

/** What a form says after a save: a confirmation as a status, or why nothing was saved as an alert. */
export type Note = { ok: boolean; text: string } | null;

export function SaveNote({ note }: { note: Note }) {
  if (!note) return null;
  return (
    <p role={note.ok ? 'status' : 'alert'} class={note.ok ? 'muted' : 'field-error'}>
      {note.text}
    </p>
  );
}

/** Runs a save and shows how it went (`done`, or "Not saved: …"); never rejects, so callers may `void` it. */
export async function saveWithNote(
  save: () => Promise<void>,
  setNote: (note: Note) => void,
  done: string | null,
): Promise<boolean> {
  try {
    await save();
    setNote(done === null ? null : { ok: true, text: done });
    return true;
  } catch (error) {
    setNote({ ok: false, text: notSaved(error) });
    return false;
  }
}
