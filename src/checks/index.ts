/**
 * Cross-checks of one report (report-format.md §6): hard identities, the domain check, then soft checks.
 */
import { Check, type Tables } from '../model/record.js';
import { nameCulprits } from './culprit.js';
import { domainCheck } from './domain.js';
import { evaluateLinear } from './evaluate.js';
import { hardIdentities } from './identities.js';
import { markColumnShifts } from './shift.js';
import { softChecks } from './soft.js';

export { isHardIdentity } from './identities.js';
export { proseChecks } from './prose.js';

export function runChecks(template: 'gb2021' | 'gb2019', tables: Tables): Check[] {
  const hard = hardIdentities(tables).map((i) => evaluateLinear(i, tables));
  // Both passes look at several checks at once, so they run after every identity has been evaluated.
  markColumnShifts(hard);
  nameCulprits(hard);
  const checks = hard.map((e) => e.check);
  const dom = domainCheck(template, tables);
  if (dom) checks.push(dom);
  checks.push(...softChecks(template, tables));
  return checks.map(inSchemaOrder);
}

const KEY_ORDER = Object.keys(Check.shape) as (keyof Check)[];

/** Written records read best with keys in the schema's order (id, severity, status, formula, ...), whatever built them. */
function inSchemaOrder(check: Check): Check {
  return Object.fromEntries(KEY_ORDER.filter((k) => check[k] !== undefined).map((k) => [k, check[k]])) as Check;
}
