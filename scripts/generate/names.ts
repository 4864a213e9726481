/**
 * Fictional agencies and report titles. Place names are composed from common characters so that they read
 * like real ones; none is meant to name a real body.
 */
import type { Rng } from './prng.js';

export type Level = 'township' | 'department' | 'county' | 'city' | 'province';

const FIRST = [...'长青白云东南西北清望丰安永宁平定兴和临宜乐泰新龙凤金石桃柳梅松'];
const SECOND = [...'水石沙岭林浦河江川山阳川湖溪源泉口坪桥峰城原州台塘'];

function place(rng: Rng): string {
  let a = rng.pick(FIRST);
  let b = rng.pick(SECOND);
  while (b === a) b = rng.pick(SECOND);
  if (rng.chance(0.15)) a += rng.pick(FIRST);
  return a + b;
}

const DEPARTMENTS = [
  '生态环境局',
  '自然资源和规划局',
  '教育局',
  '卫生健康委员会',
  '市场监督管理局',
  '住房和城乡建设局',
  '交通运输局',
  '人力资源和社会保障局',
  '应急管理局',
  '农业农村局',
  '民政局',
  '财政局',
];

export interface Agency {
  level: Level;
  /** As printed in the title, e.g. 长水县人民政府, 青石镇人民政府, 白沙市生态环境局. */
  name: string;
  /** The office that compiles the report (prose only). */
  office: string;
}

export function drawAgency(rng: Rng, level: Level): Agency {
  const p = place(rng);
  switch (level) {
    case 'township': {
      const kind = rng.weighted([
        ['镇', 5],
        ['乡', 2],
        ['街道', 2],
      ] as const);
      const name = kind === '街道' ? `${p}街道办事处` : `${p}${kind}人民政府`;
      return { level, name, office: kind === '街道' ? `${p}街道党政办公室` : `${p}${kind}党政办公室` };
    }
    case 'county': {
      const kind = rng.pick(['县', '区', '市'] as const);
      return { level, name: `${p}${kind}人民政府`, office: `${p}${kind}人民政府办公室` };
    }
    case 'city':
      return { level, name: `${p}市人民政府`, office: `${p}市人民政府办公室` };
    case 'province':
      return { level, name: `${p}省人民政府`, office: `${p}省人民政府办公厅` };
    case 'department': {
      const kind = rng.pick(['市', '县', '区'] as const);
      const dept = rng.pick(DEPARTMENTS);
      return { level, name: `${p}${kind}${dept}`, office: `${p}${kind}${dept}办公室` };
    }
  }
}

export function drawTitle(rng: Rng, agency: Agency, year: number): string {
  const yearWord = rng.chance(0.2) ? `${year}年度` : `${year}年`;
  return `${agency.name}${yearWord}政府信息公开工作年度报告`;
}
