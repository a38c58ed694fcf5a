// Row <-> domain conversions shared by the repositories.

/** ISO-8601 UTC text; fixed width, so text order is time order in every dialect. */
export function toIso(date: Date): string {
  return date.toISOString();
}

export function fromIso(text: string): Date {
  return new Date(text);
}

export function fromIsoOrNull(text: string | null): Date | null {
  return text == null ? null : new Date(text);
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses a JSON column; a damaged value yields the fallback rather than breaking a whole listing. */
export function fromJson<T>(text: string | null, fallback: T): T {
  if (text == null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Counts come back as bigint (SQLite changes), string (pg int8) or number. */
export function toCount(value: bigint | number | string | null | undefined): number {
  return value == null ? 0 : Number(value);
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
