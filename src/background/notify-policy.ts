// Pure: which desktop notifications a new state calls for. Driven by a remembered state per integration
// (not by the poll's transitions), so a worker restart never shows one twice and never loses one.
import { inQuietHours, type Settings } from '../shared/settings';
import { integrationKey, isSnoozed, type Snoozes } from '../shared/snooze';
import type { FeedRecord, Integration, IntegrationState } from '../shared/types';
import { PROBLEM_STATES } from '../shared/view';

export type NoteKind = 'new-problem' | 'recovered' | 'escalation';

export interface Note {
  /** Stable per kind and integration: showing it again replaces it rather than adding another. */
  id: string;
  kind: NoteKind;
  sourceId: string;
  integration: Integration;
}

interface Remembered {
  state: IntegrationState;
  escalated: boolean;
}

/** Per source, per integration id. A source without an entry has not been seen yet. */
export type NoteMemory = Record<string, Record<string, Remembered>>;

const SETTING: Readonly<Record<NoteKind, keyof Settings['notifications']>> = {
  'new-problem': 'newProblem',
  recovered: 'recovered',
  escalation: 'escalation',
};

export function noteId(kind: NoteKind, sourceId: string, integrationId: string): string {
  return [kind, sourceId, integrationId].map(encodeURIComponent).join('|');
}

export function parseNoteId(id: string): { kind: NoteKind; sourceId: string; integrationId: string } | null {
  let parts: string[];
  try {
    parts = id.split('|').map(decodeURIComponent);
  } catch {
    return null;
  }
  const [kind, sourceId, integrationId] = parts;
  if (parts.length !== 3 || !sourceId || !integrationId || !(kind === 'new-problem' || kind === 'recovered' || kind === 'escalation')) return null;
  return { kind, sourceId, integrationId };
}

export interface PlanInput {
  settings: Settings;
  records: readonly FeedRecord[];
  memory: NoteMemory;
  snoozes: Snoozes;
  now: number;
}

function decide(prev: Remembered | undefined, item: Integration, settings: Settings, now: number, muted: boolean): { kinds: NoteKind[]; escalated: boolean } {
  const problem = PROBLEM_STATES.has(item.state);
  const kinds: NoteKind[] = [];
  if (prev?.state !== item.state) {
    if (problem) kinds.push('new-problem');
    else if (item.state === 'ok' && prev && PROBLEM_STATES.has(prev.state)) kinds.push('recovered');
  }
  let escalated = prev?.state === item.state && prev.escalated;
  const overdue = problem && item.since !== undefined && now - item.since >= settings.escalationHours * 3_600_000;
  // While muted (quiet hours, snoozed) an escalation waits, so it still arrives afterwards.
  if (overdue && !escalated && !muted) {
    kinds.push('escalation');
    escalated = true;
  }
  return { kinds, escalated };
}

export function planNotes({ settings, records, memory, snoozes, now }: PlanInput): { notes: Note[]; memory: NoteMemory } {
  const quiet = inQuietHours(settings.notifications, new Date(now));
  const notes: Note[] = [];
  const next: NoteMemory = {};
  for (const source of settings.sources.filter((s) => s.enabled)) {
    const record = records.find((r) => r.sourceId === source.id && r.feed === 'connections');
    if (record?.data?.feed !== 'connections') {
      if (memory[source.id]) next[source.id] = memory[source.id]!;
      continue;
    }
    const seen = memory[source.id];
    const remembered: Record<string, Remembered> = {};
    for (const item of record.data.integrations) {
      const muted = quiet || isSnoozed(snoozes[integrationKey(source.id, item.id)], item, now);
      const { kinds, escalated } = decide(seen?.[item.id], item, settings, now, muted);
      remembered[item.id] = { state: item.state, escalated };
      // The first look at an account sets the baseline silently; the badge shows what is already broken.
      if (!seen || muted) continue;
      for (const kind of kinds) {
        if (settings.notifications[SETTING[kind]]) notes.push({ id: noteId(kind, source.id, item.id), kind, sourceId: source.id, integration: item });
      }
    }
    next[source.id] = remembered;
  }
  return { notes, memory: next };
}
