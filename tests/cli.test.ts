/** The command line as users run it: outputs, exit statuses and one-line errors. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xxgk } from './helpers/cli.js';
import { readSample, readTruth, SAMPLES } from './helpers/samples.js';

const SEED = join(SAMPLES, 'real', 'pingchangguan-2022.txt');
const tmp = () => mkdtempSync(join(tmpdir(), 'xxgk-cli-'));

describe('xxgk extract', () => {
  it('prints the record of one file as JSON', () => {
    const r = xxgk(['extract', SEED]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const record = JSON.parse(r.stdout);
    const truth = readTruth('pingchangguan-2022.txt');
    expect([record.template, record.year, record.agency]).toEqual([truth.template, truth.year, truth.agency]);
  });

  it('gives the same bytes on every run', () => {
    expect(xxgk(['extract', SEED]).stdout).toBe(xxgk(['extract', SEED]).stdout);
  });

  it('reads standard input with -', () => {
    const r = xxgk(['extract', '-'], readSample('pingtan-2023.txt'));
    expect(r.status).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.source.path).toBe('<stdin>');
    expect(record.tables.requests.rows.newReceived.total.value).toBe(81);
  });

  it('writes tidy CSV, one line per cell', () => {
    const r = xxgk(['extract', SEED, '--format', 'csv']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('file,table,row,column,value,raw,page');
    expect(lines).toHaveLength(1 + 10 + 25 * 7 + 15);
    expect(lines).toContain(`${SEED},requests,newReceived,naturalPerson,0,0,`);
  });

  it('writes one JSON file per input with --out DIR', () => {
    const dir = tmp();
    const a = join(SAMPLES, 'real', 'pingtan-2021.txt');
    const b = join(SAMPLES, 'real', 'pingtan-2022.txt');
    const r = xxgk(['extract', a, b, '--out', dir]);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['pingtan-2021.json', 'pingtan-2022.json']);
    expect(JSON.parse(readFileSync(join(dir, 'pingtan-2022.json'), 'utf8')).year).toBe(2022);
  });

  it('prints JSON Lines for several inputs', () => {
    const r = xxgk(['extract', SEED, join(SAMPLES, 'real', 'pingtan-2024.txt')]);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).year)).toEqual([2022, 2024]);
  });

  it('names the file and the cause in one line, exits 2, and goes on with the other files', () => {
    const dir = tmp();
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const missing = join(dir, 'missing.txt');
    const r = xxgk(['extract', empty, missing, SEED, '--format', 'csv']);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([`xxgk: ${empty}: empty file`, `xxgk: ${missing}: no such file`]);
    expect(r.stdout.split('\n')[1]).toMatch(/^.*pingchangguan-2022\.txt,activeDisclosure,/);
  });

  it('exits 1 with --fail-on-check when an identity fails, 0 without', () => {
    const dir = tmp();
    const bad = join(dir, 'bad.txt');
    // One cell of 表三 changed: its row total and its column no longer add up.
    writeFileSync(
      bad,
      readFileSync(SEED, 'utf8').replace('⼀、本年新收政府信息公开申请数量 0 0 0 0 0 0 0', '⼀、本年新收政府信息公开申请数量 3 0 0 0 0 0 0'),
    );
    expect(xxgk(['extract', bad]).status).toBe(0);
    const r = xxgk(['extract', bad, '--fail-on-check']);
    expect(r.status).toBe(1);
    const failing = JSON.parse(r.stdout).checks.filter((c: { status: string }) => c.status === 'fail');
    expect(failing.map((c: { id: string; culprit?: string }) => [c.id, c.culprit])).toEqual([
      ['T3-BALANCE.naturalPerson', 'requests.newReceived.naturalPerson'],
      ['T3-ROW-TOTAL.newReceived', 'requests.newReceived.naturalPerson'],
    ]);
    expect(xxgk(['extract', SEED, '--fail-on-check']).status).toBe(0);
  });

  it('rejects a bad command line with exit 2 and the usage', () => {
    for (const args of [['extract'], ['extract', SEED, '--format', 'xml'], ['frobnicate'], ['extract', SEED, '--bogus']]) {
      const r = xxgk(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^xxgk: .*\nusage:/);
    }
  });
});

describe('xxgk schema', () => {
  it('prints a JSON Schema with the fixed top-level keys', () => {
    const r = xxgk(['schema']);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(Object.keys(schema.properties)).toEqual([
      'schemaVersion',
      'source',
      'title',
      'agency',
      'year',
      'template',
      'sections',
      'tables',
      'checks',
      'normalization',
      'warnings',
    ]);
  });
});
