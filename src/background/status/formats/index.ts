// The registry of status formats: one pure parser each. A new format is a file here and a line below.
import type { StatusFormat } from '../../../core/status-pages';
import { parseAdobe } from './adobe';
import { parseAws } from './aws';
import { parseGoogle } from './google';
import type { StatusParser } from './parser';
import { parseRollup } from './rollup';
import { parseSalesforce } from './salesforce';
import { parseStatuspage } from './statuspage';
import { parseZendesk } from './zendesk';

export const PARSERS: Readonly<Record<StatusFormat, StatusParser>> = {
  statuspage: parseStatuspage,
  rollup: parseRollup,
  google: parseGoogle,
  adobe: parseAdobe,
  zendesk: parseZendesk,
  salesforce: parseSalesforce,
  aws: parseAws,
};
