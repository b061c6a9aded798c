import { z } from 'zod';
import type { FieldDef } from '../../../../core/registry/fields.ts';
import { recordSchema } from '../../../../core/registry/schema.ts';
import type { RecordType } from './record-types.ts';

/** The output of a field as stored: optional fields come back as null, lists as arrays. */
function fieldOutput(f: FieldDef): z.ZodType {
  switch (f.type.kind) {
    case 'int':
    case 'number':
    case 'ref':
      return z.number().nullable();
    case 'bool':
      return f.type.nullable ? z.boolean().nullable() : z.boolean();
    case 'enumList':
    case 'textList':
      return z.array(z.string());
    default:
      return z.string().nullable();
  }
}

export function recordOutput(type: RecordType) {
  const shape: Record<string, z.ZodType> = {
    id: z.number(),
    [type.parentKey]: z.number(),
    version: z.number(),
    updatedAt: z.string(),
    /** Display names of the referenced records: `{ organizationId: 'МБОУ СОШ № 1' }`. */
    labels: z.record(z.string(), z.string()),
  };
  for (const f of type.kind.fields) shape[f.key] = fieldOutput(f);
  return z.object(shape);
}

export const createInput = (type: RecordType) => recordSchema(type.kind);

export const updateInput = (type: RecordType) =>
  recordSchema(type.kind, { partial: true }).and(
    z.object({ version: z.number('«Версия записи»: обязательное поле').int().positive() }),
  );

export const DeletedOutput = z.object({ deleted: z.literal(true), message: z.string() });
