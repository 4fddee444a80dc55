/** What came of a button's command, when there is something to say (a failure, a copy): read out politely. */
export function StatusNote({ text }: { text: string | null }) {
  return text ? (
    <p class="muted note" role="status">
      {text}
    </p>
  ) : null;
}
