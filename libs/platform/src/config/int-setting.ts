import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** A whole-number setting read from the environment, within bounds. */
export const IntSetting = (min: number, max?: number): PropertyDecorator =>
  applyDecorators(
    Type(() => Number),
    IsInt(),
    Min(min),
    ...(max === undefined ? [] : [Max(max)]),
  );
