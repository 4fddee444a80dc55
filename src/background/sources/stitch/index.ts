// Adapter: every source of a Stitch account (`GET /v4/sources`) with what its last extraction and, for a
// source not running well, its last connection check say, read with the account's token (DOMAIN-NEXT §3.2).
import type { AccountSettings, StoredKey } from '../../../core/settings';
import type { FeedResult, Integration, ListData } from '../../../core/types';
import type { RequestLimits } from '../../http';
import { apiBase, pipelineSource, getJson, readJson, linkId, listData, readPages, sendable } from '../pipeline-http';
import type { Source } from '../source';
import { parseStitchCheck, parseStitchExtractions, parseStitchSources } from './parse';
import { applyStitchJob, type StitchJob } from './status';

export { parseStitchCheck, parseStitchExtractions, parseStitchSources } from './parse';

/**
 * Extractions are rate-limited (30 calls per 10 minutes per client): a few pages of 100 at most. A check a
 * minute (the shortest interval) reading one page makes 10 calls in 10 minutes; a refusal (429) is the
 * account's "rate limited", its last list kept, and waits for its Retry-After.
 */
export const MAX_EXTRACTION_PAGES = 3;
/** Connection checks read per poll at most, for sources that are not running well. */
export const MAX_CHECKS = 10;

const isDigits = (value: string | undefined): value is string => value !== undefined && /^\d{1,12}$/.test(value);

export async function fetchStitch(
  account: AccountSettings,
  key: StoredKey | undefined,
  limits: RequestLimits,
): Promise<FeedResult<ListData>> {
  if (!key) return { ok: false, error: { kind: 'key-rejected', message: 'No Stitch access token is set.' } };
  if (!sendable(key.exportApiKey))
    return { ok: false, error: { kind: 'key-rejected', message: 'The Stitch access token cannot be sent as it is.' } };
  const headers = { Accept: 'application/json', Authorization: `Bearer ${key.exportApiKey}` };
  const base = apiBase(account);
  const list = await readPages<number>(async (page) => {
    const url = page === undefined ? `${base}/v4/sources` : `${base}/v4/sources?page=${page}`;
    const json = await getJson('stitch', url, { headers }, limits);
    return readJson(json, parseStitchSources);
  }, 'source');
  if (!list.ok) return list;
  const anomalies = [...list.anomalies];
  const jobs: StitchJob[] = [];
  // The client account is named by each source; the extractions endpoint is per client.
  const client = list.integrations.map((i) => i.group).find(isDigits);
  let page: number | undefined = 1;
  for (let read = 0; client && page !== undefined; read++) {
    if (read === MAX_EXTRACTION_PAGES) {
      anomalies.push(
        `The extractions go on past ${MAX_EXTRACTION_PAGES} pages; sources whose extraction is not among the first ${jobs.length} are judged without it.`,
      );
      break;
    }
    const json = await getJson('stitch', `${base}/v4/${client}/extractions?page=${page}`, { headers }, limits);
    const parsed = readJson(json, parseStitchExtractions);
    if (!parsed.ok) return parsed;
    jobs.push(...parsed.page.jobs);
    anomalies.push(...(parsed.page.anomalies ?? []));
    page = parsed.page.next;
  }
  const now = limits.now?.() ?? Date.now();
  let integrations = list.integrations.map((source) => {
    const job = jobs.find((j) => j.sourceId === source.id);
    return job ? applyStitchJob(source, job, now) : source;
  });
  // What a connection check says explains a source that does not run; healthy and paused ones need none.
  // Stitch's source ids are numbers; another id goes into no request path.
  const troubled = integrations
    .filter((s) => s.state !== 'ok' && s.state !== 'paused' && isDigits(s.id))
    .slice(0, MAX_CHECKS);
  const checks = await Promise.all(
    troubled.map(async (source) => {
      const url = `${base}/v4/sources/${encodeURIComponent(source.id)}/last-connection-check`;
      const json = await getJson('stitch', url, { headers }, limits);
      return readJson(json, (value) => parseStitchCheck(value, source.id));
    }),
  );
  for (const [index, check] of checks.entries()) {
    if (check.ok) {
      integrations = integrations.map((s) => applyStitchJob(s, check.job));
      continue;
    }
    // A refused token or the rate limit concern the whole account; one check not read only its source.
    if (check.error.kind === 'key-rejected' || check.error.kind === 'rate-limited') return check;
    anomalies.push(`The last connection check of "${troubled[index]?.name ?? '?'}" could not be read.`);
  }
  return { ok: true, data: listData('stitch', integrations, anomalies) };
}

/** The source in Stitch's app (its client account and id); the app's start page without them. */
export function stitchSourcePage(account: AccountSettings, integration: Pick<Integration, 'id' | 'group'>): string {
  const client = isDigits(integration.group) ? integration.group : undefined;
  const id = linkId(integration.id);
  if (client && id) return `${account.appOrigin}/client/${client}/pipeline/v2/sources/${id}`;
  return `${account.appOrigin}/`;
}

export const stitch: Source = pipelineSource('stitch', fetchStitch, stitchSourcePage);
