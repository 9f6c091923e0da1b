import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importKinds, plural, templateCsv } from './kinds.js';

const templates = path.resolve(import.meta.dirname, '../../../../docs/templates');

describe('import templates', () => {
  it.each(importKinds)('the %s template matches docs/templates', (kind) => {
    const documented = fs.readFileSync(path.join(templates, `${kind}.csv`), 'utf8').split(/\r?\n/)[0];
    expect(templateCsv(kind).trimEnd()).toBe(documented);
  });

  it('counts in plain English', () => {
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(1200, 'row')).toBe('1,200 rows');
  });
});
