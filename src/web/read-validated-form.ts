// Reads a form body and validates it against a zod schema, as h3's
// readValidatedBody does. Every field arrives as the list of its string
// values (files are dropped), so a schema says per field whether it wants the
// first value (`formField`) or all of them (`formList`). A body that is not a
// form is 415, one that cannot be read or fails the schema is 400; neither
// message repeats the input.
import type { Context } from 'hono';
import { z } from 'zod';
import { HttpError } from './http-error.js';

/** Most values of one repeated field that are looked at. */
const MAX_VALUES = 50;

/** The first value of a field, or '' when absent. */
export const formField = (max = Number.POSITIVE_INFINITY) =>
  z
    .array(z.string())
    .default([])
    .transform((values) => (values[0] ?? '').slice(0, max));

/** The first value of a field, or undefined when absent. */
export const optionalFormField = (max = Number.POSITIVE_INFINITY) =>
  z
    .array(z.string())
    .default([])
    .transform((values) => (values[0] === undefined ? undefined : values[0].slice(0, max)));

/** Every value of a repeated field (at most 50). */
export const formList = () =>
  z
    .array(z.string())
    .default([])
    .transform((values) => values.slice(0, MAX_VALUES));

export async function readValidatedForm<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new HttpError(415, 'This address only accepts a web form.');
  }
  let fd: FormData;
  try {
    fd = await c.req.formData();
  } catch {
    throw new HttpError(400, 'The form could not be read. Please try again.');
  }
  const raw: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of fd.entries()) {
    if (typeof value !== 'string') continue;
    (raw[name] ??= []).push(value);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'The form could not be read. Please try again.');
  return parsed.data;
}
