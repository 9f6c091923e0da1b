/** Words joined the English way: "a", "a and b", "a, b and c" (and "" for none). Shared by findings and pages. */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** The text with its first letter in capitals: "record the outcome" as a list item, "Record the outcome". */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A recorded yes/no in words; `null` (never asked or not recorded) as `unknown`. */
export function yesNo(value: boolean | null, unknown = 'Not recorded'): string {
  return value === null ? unknown : value ? 'Yes' : 'No';
}
