/** Words of an id: dots, underscores and camelCase humps split; acronyms kept together. */
export function splitIdWords(id: string): string[] {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** `storage.stateOfCharge` → `storage_state_of_charge`: the original design's `name`. */
export function toSnakeCase(id: string): string {
  return splitIdWords(id).join('_');
}

export function capitalise(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** `storage.stateOfCharge` → `Storage state of charge`, for items without a description. */
export function humaniseId(id: string): string {
  return capitalise(splitIdWords(id).join(' '));
}
