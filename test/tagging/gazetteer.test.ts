import { describe, expect, it } from 'vitest';
import { COUNTRIES, ORGANISATIONS } from '../../src/tagging/gazetteer-data.js';
import { compileGazetteer, getDefaultGazetteer, REGION_KEYS, REGION_TITLES } from '../../src/tagging/index.js';

describe('gazetteer data', () => {
  it('lists all 193 UN member states once, plus territories and observers', () => {
    const members = COUNTRIES.filter((c) => c.unMember !== false);
    expect(members).toHaveLength(193);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
    const others = COUNTRIES.filter((c) => c.unMember === false).map((c) => c.code);
    expect(others).toEqual(expect.arrayContaining(['PS', 'VA', 'TW', 'XK', 'EH', 'HK', 'GL', 'PR']));
  });

  it('uses two-letter codes and known regions, with a title for each region', () => {
    for (const c of COUNTRIES) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(REGION_KEYS).toContain(c.region);
    }
    for (const r of REGION_KEYS) expect(REGION_TITLES[r]).toBeTruthy();
    expect(new Set(ORGANISATIONS.map((o) => o.key)).size).toBe(ORGANISATIONS.length);
  });

  it('never maps one phrase to two different countries', () => {
    const g = getDefaultGazetteer();
    const clashes: string[] = [];
    for (const [key, phrases] of g.phrases) {
      const targets = new Set(
        phrases.map((p) => (p.target.kind === 'country' ? p.target.code : p.target.kind === 'organisation' ? `org:${p.target.key}` : p.target.kind)),
      );
      // The same key as an exact abbreviation and as a name may differ ("WHO" vs "Who" is handled by case).
      const byCase = new Map<boolean, Set<string>>();
      for (const p of phrases) {
        const set = byCase.get(p.exact !== null) ?? new Set<string>();
        set.add(p.target.kind === 'country' ? p.target.code : p.target.kind === 'organisation' ? `org:${p.target.key}` : p.target.kind);
        byCase.set(p.exact !== null, set);
      }
      for (const set of byCase.values()) if (set.size > 1) clashes.push(`${key}: ${[...targets].join(', ')}`);
    }
    expect(clashes).toEqual([]);
  });

  it('compiles custom data', () => {
    const g = compileGazetteer({
      countries: [{ code: 'ZZ', name: 'Zedland', region: 'europe', demonyms: ['Zedish'] }],
      organisations: [],
      regionTerms: [],
      blocked: [],
    });
    expect(g.countries.get('ZZ')?.name).toBe('Zedland');
    expect(g.phrases.has('zedish')).toBe(true);
  });
});
