/**
 * The keys a JSON text gives twice in one object, by place (`models.smart`). `JSON.parse` keeps
 * the last silently, so a second `"smart"` model would replace the first without a word; YAML
 * files refuse a repeated key, and JSON ones should too. RFC 8259 §4 leaves repeated names' meaning
 * to the reader ("The names within an object SHOULD be unique":
 * https://www.rfc-editor.org/rfc/rfc8259#section-4). A scan of the text, run after `JSON.parse`
 * accepted it, so that JSON files need no YAML parser.
 */
export function duplicateJsonKeys(text: string): string[] {
  const duplicates: string[] = [];
  /** One open object or array: its place, and its keys or the index of its next item. */
  const open: Array<{ place: string; keys?: Set<string>; index: number; key?: string }> = [];
  const childPlace = () => {
    const parent = open.at(-1);
    if (parent === undefined) return '';
    if (parent.keys === undefined) return `${parent.place}[${parent.index}]`;
    return parent.place === '' ? (parent.key ?? '') : `${parent.place}.${parent.key ?? ''}`;
  };
  let expectingKey = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = open.at(-1);
      if (expectingKey && top?.keys !== undefined) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (top.keys.has(key)) duplicates.push(top.place === '' ? key : `${top.place}.${key}`);
        top.keys.add(key);
        top.key = key;
        expectingKey = false;
      }
      index = end;
    } else if (character === '{') {
      open.push({ place: childPlace(), keys: new Set(), index: 0 });
      expectingKey = true;
    } else if (character === '[') {
      open.push({ place: childPlace(), index: 0 });
    } else if (character === '}' || character === ']') {
      open.pop();
    } else if (character === ',') {
      const top = open.at(-1);
      if (top?.keys === undefined) {
        if (top !== undefined) top.index += 1;
      } else expectingKey = true;
    }
  }
  return duplicates;
}
