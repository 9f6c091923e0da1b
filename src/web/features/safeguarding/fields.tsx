
/** Options for a RadioGroup or SelectField from a code → label record. */
export const optionsOf = <K extends string>(codes: readonly K[], labels: Record<K, string>) => codes.map((value) => ({ value, label: labels[value] }));
