// Worked limits example (fdp_wheeler_data_for_testing.csv, NHSDigital/fdp-react-design-system, MIT): 24 values with
// their moving ranges, mean moving range, sigma and limits both as 3 × mRbar / 1.128 and as 2.66 × mRbar.
import { describe, expect, it } from 'vitest';
import { XMR_LIMIT_FACTOR, xmrChart, xmrLimits } from '../../../src/analytics/spc/index.js';
import { loadSpcCases, parseCsv, readSharedText } from './shared-data.js';

const [header, ...rows] = parseCsv(readSharedText('fdp_wheeler_data_for_testing.csv'));
// Columns: vals, mean, mR, mR mean, sigma, UPL, LPL (3σ from mRbar / 1.128), blank, "wheeler est" (2.66), UPL, LPL.
const column = (index: number) => rows.map((row) => row[index] ?? '');
const values = column(0).map(Number);

describe('Wheeler worked example (fdp_wheeler_data_for_testing.csv)', () => {
  it('reads the 24 published rows', () => {
    expect(header?.[0]).toBe('vals');
    expect(header?.[8]).toBe('wheeler est');
    expect(values).toHaveLength(24);
    expect(column(8).every((factor) => Number(factor) === XMR_LIMIT_FACTOR)).toBe(true);
  });

  const result = xmrChart({ values, improvement: 'neither' });
  const lines = xmrLimits(values, 0, values.length);

  it('matches every moving range, the mean and the mean moving range', () => {
    const movingRanges = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
    expect(column(2).slice(1).map(Number)).toEqual(movingRanges);
    expect(column(2)[0]).toBe('');
    for (const row of rows) {
      expect(lines.mean).toBeCloseTo(Number(row[1]), 7);
      expect(lines.movingRangeMean).toBeCloseTo(Number(row[3]), 8);
    }
  });

  it('matches the 2.66 limits on every point', () => {
    for (const [i, point] of result.points.entries()) {
      expect(point.mean).toBeCloseTo(Number(rows[i]![1]), 7);
      expect(point.upl).toBeCloseTo(Number(rows[i]![9]), 7);
      expect(point.lpl).toBeCloseTo(Number(rows[i]![10]), 7);
    }
  });

  it('stays within 0.0025 of the 3 × mRbar / 1.128 limits (DOMAIN.md 4.1 uses 2.66, as the Excel tool does)', () => {
    for (const [i, point] of result.points.entries()) {
      const sigma = Number(rows[i]![4]);
      expect(lines.movingRangeMean / 1.128).toBeCloseTo(sigma, 8);
      expect(Math.abs(point.upl! - Number(rows[i]![5]))).toBeLessThan(0.0025);
      expect(Math.abs(point.lpl! - Number(rows[i]![6]))).toBeLessThan(0.0025);
    }
  });

  it('agrees with spc_cases.json fdp-35, including the golden 2σ lines', () => {
    const c = loadSpcCases().cases.find((x) => x.id === 'fdp-35-wheeler-limits-2.66-vs-3-over-d2');
    expect(c?.input.values).toEqual(values);
    const e = c!.expected;
    expect(lines.mean).toBeCloseTo(e.mean, 7);
    expect(lines.movingRangeMean).toBeCloseTo(e.mr_mean, 8);
    expect(lines.movingRangeMean / 1.128).toBeCloseTo(e['sigma_mr_over_1.128'], 8);
    expect(lines.upl).toBeCloseTo(e['upl_2.66'], 7);
    expect(lines.lpl).toBeCloseTo(e['lpl_2.66'], 7);
    expect(lines.upl - e.upl_3sigma_d2).toBeLessThan(0.0025);
    expect(e.lpl_3sigma_d2 - lines.lpl).toBeLessThan(0.0025);
    // Notes: "FDP golden file gives 2-sigma 56.92702899/39.65630435 (2.66 basis)".
    expect(c!.notes).toContain('56.92702899/39.65630435');
    expect(lines.upperTwoSigma).toBeCloseTo(56.92702899, 7);
    expect(lines.lowerTwoSigma).toBeCloseTo(39.65630435, 7);
    expect(result.points[0]!.upperTwoSigma).toBeCloseTo(56.92702899, 7);
  });
});
