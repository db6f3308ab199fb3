/**
 * One field as the gateway posted it, or as we are about to post it: the name and the raw string
 * value, with nothing trimmed, coerced or decoded further.
 *
 * @publicApi
 */
export type GatewayField = readonly [name: string, value: string];

/**
 * The fields of one request, in the order they arrived. A list rather than a record, so a repeated
 * name or an odd name (`__proto__`, `a[b]`) survives exactly as it was sent.
 *
 * @publicApi
 */
export type GatewayFieldList = readonly GatewayField[];

/** Anything a MAC can be computed over: a plain record or an exact field list. */
export type GatewayFieldsInput =
  GatewayFieldList | Readonly<Record<string, string>>;

/** @internal Normalises a record or a list into a field list, without copying a list. */
export function toFieldList(fields: GatewayFieldsInput): GatewayFieldList {
  return Array.isArray(fields)
    ? (fields as GatewayFieldList)
    : Object.entries(fields);
}

/**
 * Turns a field list into a record. Field names that occur more than once are reported, never
 * silently collapsed: the caller decides whether that is malformed.
 *
 * @publicApi
 */
export function fieldListToRecord(fields: GatewayFieldList): {
  record: Record<string, string>;
  repeatedNames: string[];
} {
  const record: Record<string, string> = Object.create(null);
  const repeatedNames: string[] = [];
  for (const [name, value] of fields) {
    if (Object.prototype.hasOwnProperty.call(record, name))
      repeatedNames.push(name);
    else record[name] = value;
  }
  return { record, repeatedNames };
}
