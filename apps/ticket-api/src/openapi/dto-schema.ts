import { getMetadataStorage } from 'class-validator';

type JsonSchema = Record<string, unknown>;

interface Constraint {
  propertyName: string;
  name?: string;
  type: string;
  constraints?: unknown[];
}

/** JSON Schema of a class-validator DTO, read from its decorators, so the document follows the code. */
export function schemaOfDto(dto: new () => object): JsonSchema {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    dto,
    '',
    true,
    false,
  ) as Constraint[];
  const properties: Record<string, JsonSchema> = {};
  const optional = new Set<string>();
  for (const m of metadata) {
    const property = (properties[m.propertyName] ??= {});
    const [first, second] = m.constraints ?? [];
    switch (m.name ?? m.type) {
      case 'isString':
        property.type = 'string';
        break;
      case 'isInt':
        property.type = 'integer';
        break;
      case 'maxLength':
        property.maxLength = first;
        break;
      case 'matches': {
        // several patterns must all match: the first as `pattern`, the rest under allOf
        const pattern = (first as RegExp).source;
        if (property.pattern === undefined) property.pattern = pattern;
        else property.allOf = [...((property.allOf as object[]) ?? []), { pattern }];
        break;
      }
      case 'isIn':
        property.enum = first;
        break;
      case 'min':
        property.minimum = first;
        break;
      case 'max':
        property.maximum = first;
        break;
      case 'isOptional':
      case 'conditionalValidation':
        optional.add(m.propertyName);
        break;
      default:
        void second;
    }
  }
  // @IsOptional lets null through as well as absence, and the handlers read null as absent
  for (const name of optional) {
    const property = properties[name];
    if (typeof property.type === 'string') property.type = [property.type, 'null'];
  }
  const required = Object.keys(properties).filter((p) => !optional.has(p));
  return { type: 'object', additionalProperties: false, properties, required };
}
