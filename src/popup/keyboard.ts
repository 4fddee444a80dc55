// Arrow keys move between problem rows; Enter on a row runs its primary action.

function rows(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('li.row')];
}

export function moveBetweenRows(event: KeyboardEvent): void {
  const root = event.currentTarget as HTMLElement;
  const target = event.target as HTMLElement;
  const row = target.closest<HTMLElement>('li.row');
  if (!row) return;
  if (event.key === 'Enter' && target === row) {
    event.preventDefault();
    row.querySelector<HTMLButtonElement>('[data-primary]')?.click();
    return;
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const all = rows(root);
  const next = all[all.indexOf(row) + (event.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
