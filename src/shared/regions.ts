// The six regions a digest groups by. Keys are stable (config, preferences,
// stored items); titles are for display.
export const REGION_KEYS = [
  'americas',
  'europe',
  'mena',
  'sub-saharan-africa',
  'south-central-asia',
  'east-asia-pacific',
] as const;

export type RegionKey = (typeof REGION_KEYS)[number];

export const REGION_TITLES: Readonly<Record<RegionKey, string>> = {
  americas: 'Americas',
  europe: 'Europe',
  mena: 'Middle East & North Africa',
  'sub-saharan-africa': 'Sub-Saharan Africa',
  'south-central-asia': 'South & Central Asia',
  'east-asia-pacific': 'East Asia & Pacific',
};

export function isRegionKey(value: string): value is RegionKey {
  return (REGION_KEYS as readonly string[]).includes(value);
}
