// Pure: compares a new snapshot with the last one, carries "since" forward and lists the transitions.
import type { ListData, Integration, Transition } from './types';

export interface Applied {
  data: ListData;
  transitions: Transition[];
}

export function applySnapshot(accountId: string, previous: ListData | undefined, next: ListData, now: number): Applied {
  const before = new Map(previous?.integrations.map((i) => [i.id, i]));
  const transitions: Transition[] = [];
  const integrations = next.integrations.map((seen): Integration => {
    const old = before.get(seen.id);
    before.delete(seen.id);
    // The events deadlines count from: first seen, first and last seen healthy, carried from snapshot to snapshot.
    const ok = seen.state === 'ok';
    const firstAt = old?.firstSeenAt ?? (old?.firstSeen ? old.since : undefined) ?? now;
    const item: Integration = { ...seen, firstSeenAt: firstAt };
    const okAt = old?.firstSeenOkAt ?? (ok ? now : undefined);
    if (okAt !== undefined) item.firstSeenOkAt = okAt;
    const lastOk = ok ? now : old?.lastOkAt;
    if (lastOk !== undefined) item.lastOkAt = lastOk;
    if (old && old.state === item.state)
      return { ...item, since: old.since ?? now, ...(old.firstSeen ? { firstSeen: true } : {}) };
    // The first snapshot records only what is already wrong, not every healthy integration.
    if (old || previous || item.state !== 'ok') {
      const transition: Transition = {
        accountId,
        integrationId: item.id,
        name: item.name,
        from: old ? old.state : 'new',
        to: item.state,
        at: now,
      };
      if (item.detail !== undefined) transition.detail = item.detail;
      transitions.push(transition);
    }
    return old ? { ...item, since: now } : { ...item, since: now, firstSeen: true };
  });
  for (const gone of before.values()) {
    transitions.push({ accountId, integrationId: gone.id, name: gone.name, from: gone.state, to: 'removed', at: now });
  }
  return { data: { ...next, integrations }, transitions };
}
