import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IndexMeasure, RegionCode } from '@pandu/domain';
import { withDeprecatedAliases } from './deprecated-aliases.js';

const Input = withDeprecatedAliases(
  z.object({ code: RegionCode.optional(), measure: IndexMeasure.optional(), year: z.number() }),
  { pillar: 'measure', parent: 'code' },
);

describe('withDeprecatedAliases', () => {
  it('reads an old name as the new one and hands on only the new names', () => {
    expect(Input.parse({ pillar: 'access_index', parent: '35', year: 2024 })).toEqual({
      measure: 'access_index',
      code: '35',
      year: 2024,
    });
    expect(Input.parse({ measure: 'access_index', year: 2024 })).toEqual({
      measure: 'access_index',
      year: 2024,
    });
    expect(Input.parse({ year: 2024 })).toEqual({ year: 2024 });
  });

  it('accepts both names when they agree, and names the old field when they do not', () => {
    expect(Input.parse({ pillar: 'access_index', measure: 'access_index', year: 1 })).toEqual({
      measure: 'access_index',
      year: 1,
    });
    const conflict = Input.safeParse({
      pillar: 'access_index',
      measure: 'digital_skills',
      year: 1,
    });
    expect(conflict.success).toBe(false);
    expect(conflict.error?.issues[0]).toMatchObject({
      path: ['pillar'],
      message: 'is the old name of measure; give only measure',
    });
  });

  it('validates an old name with the new field schema, naming the field the client sent', () => {
    const bad = Input.safeParse({ pillar: 'happiness', year: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['pillar']);
    const badCode = Input.safeParse({ parent: '35-05', year: 1 });
    expect(badCode.error?.issues[0]?.path).toEqual(['parent']);
  });
});

describe('withDeprecatedAliases types', () => {
  it('lets a typed client send the old names and hides them from the procedure', () => {
    const sent: z.input<typeof Input> = { pillar: 'access_index', parent: '35', year: 2024 };
    // @ts-expect-error an old name has the new field's type
    const wrong: z.input<typeof Input> = { pillar: 'happiness', year: 2024 };
    const received = Input.parse(sent);
    const measure: 'access_index' | undefined =
      received.measure === 'access_index' ? 'access_index' : undefined;
    // @ts-expect-error the procedure sees only the new names
    expect(received.pillar).toBeUndefined();
    expect(measure).toBe('access_index');
    expect(wrong.year).toBe(2024);
  });
});
