/**
 * Matching the same agency across years by name. Reports print the issuer inconsistently: `平潭综合实验区` one
 * year, `平潭综合实验区管委会` or `平潭综合实验区管理委员会` another; `洪泽区人民政府` in 2023 and
 * `淮安市洪泽区人民政府` in 2024. The rule, in order (documented in the report of issue 7):
 *
 * 1. Fullwidth ASCII to ASCII; drop whitespace, punctuation and symbols (`（`, `·`, `“`...).
 * 2. `管理委员会` → `管委会` (the official short form; the same body).
 * 3. Drop a trailing `人民政府`, `政府`, `管委会` or `办事处` when what remains is itself the name of an area
 *    (ends in 省 市 区 县 旗 盟 州 镇 乡 or 街道): the government of an area issues the area's report, and reports
 *    name that issuer either way (`淮安市人民政府2024年…报告` / `淮安市2024年…报告`). Not dropped when the name
 *    goes on (`上海市人民政府办公厅` is the general office, a different agency) or nothing would remain.
 *
 * That is the key stored in `reports.agency_key`; equal keys are the same agency. One more, weaker match is made
 * by the cross-report checks (see `parentPrefixMatch`): `洪泽区` and `淮安市洪泽区` (a parent area printed in one
 * year only) are the same agency when the archive holds no other parent for `洪泽区` (`鼓楼区` is in four cities).
 */

const AREA_END = /(?:[省市区县旗盟州镇乡]|街道)$/u;
const GOVERNMENT_SUFFIX = /(?:人民政府|政府|管委会|办事处)$/u;
/** A parent area printed before a name: it ends in a level above a county. */
const PARENT_END = /(?:省|自治区|特别行政区|市|自治州|州|盟|地区)$/u;

export function agencyKey(agency: string | null | undefined): string | null {
  if (agency === null || agency === undefined) return null;
  let key = agency
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\p{P}\p{S}\u3000]/gu, '')
    .replace(/管理委员会/gu, '管委会');
  const m = GOVERNMENT_SUFFIX.exec(key);
  if (m) {
    const rest = key.slice(0, m.index);
    if (rest.length >= 2 && AREA_END.test(rest)) key = rest;
  }
  return key === '' ? null : key;
}

/** Is this key the name of an area (so a parent area may stand before it)? */
export function isAreaName(key: string): boolean {
  return key.length >= 2 && AREA_END.test(key);
}

/**
 * `longer` is `shorter` with parent areas printed before it (`淮安市洪泽区` / `洪泽区`)?
 */
export function hasParentPrefix(longer: string, shorter: string): boolean {
  if (longer.length <= shorter.length || !longer.endsWith(shorter) || !isAreaName(shorter)) return false;
  const prefix = longer.slice(0, longer.length - shorter.length);
  return prefix.length >= 2 && PARENT_END.test(prefix);
}

/**
 * Decides the weaker parent-prefix match over all keys in the archive: returns, for each key, the keys it
 * matches that way. `a` and `b` match when one is the other with parent areas before it and every key in the
 * archive that extends the shorter one lies on one chain (`洪泽区` ⊂ `淮安市洪泽区` ⊂ `江苏省淮安市洪泽区`); two
 * different parents (`南京市鼓楼区`, `福州市鼓楼区`) make the short name ambiguous, and it matches neither.
 */
export function parentPrefixMatches(keys: Iterable<string>): Map<string, Set<string>> {
  const all = [...new Set(keys)];
  const bySuffix = new Map<string, string[]>();
  // Candidate extensions of each area key: keys that end with it. Index by the last 2 characters to stay near-linear.
  const byTail = new Map<string, string[]>();
  for (const k of all) {
    const tail = k.slice(-2);
    const list = byTail.get(tail);
    if (list) list.push(k);
    else byTail.set(tail, [k]);
  }
  for (const s of all) {
    if (!isAreaName(s)) continue;
    const ext = (byTail.get(s.slice(-2)) ?? []).filter((k) => hasParentPrefix(k, s));
    if (ext.length > 0) bySuffix.set(s, ext);
  }
  const out = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    (out.get(a) ?? out.set(a, new Set()).get(a)!).add(b);
    (out.get(b) ?? out.set(b, new Set()).get(b)!).add(a);
  };
  for (const [s, ext] of bySuffix) {
    const chain = [...ext].sort((x, y) => x.length - y.length);
    const linear = chain.every((k, i) => i === 0 || k.endsWith(chain[i - 1]!));
    if (!linear) continue;
    for (const k of chain) link(s, k);
  }
  return out;
}
