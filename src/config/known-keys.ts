import type { z } from 'zod';

/** Zod 4's definition object, as far as walking a schema by path needs it. */
interface SchemaDefinition {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
}

function definition(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
}

/**
 * The keys an object in the configuration may have at `path` (map keys and list indexes
 * pass through), for a "did you mean" on an unknown key. Empty when the path leads nowhere.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const found = new Set<string>();
  const walk = (node: z.ZodType, depth: number): void => {
    const def = definition(node);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
        if (def.innerType) walk(def.innerType, depth);
        return;
      case 'pipe':
        if (def.in) walk(def.in, depth);
        return;
      case 'union':
        for (const option of def.options ?? []) walk(option, depth);
        return;
      case 'object':
        if (depth === path.length) for (const key of Object.keys(def.shape ?? {})) found.add(key);
        else {
          const next = def.shape?.[String(path[depth])];
          if (next) walk(next, depth + 1);
        }
        return;
      case 'record':
        if (depth < path.length && def.valueType) walk(def.valueType, depth + 1);
        return;
      case 'array':
        if (depth < path.length && def.element) walk(def.element, depth + 1);
        return;
      default:
        return;
    }
  };
  walk(schema, 0);
  return [...found];
}
