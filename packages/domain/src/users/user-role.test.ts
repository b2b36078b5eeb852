import { describe, expect, it } from 'vitest';
import { USER_ROLES, UserNameSchema, UserRole, roleAllows } from '../index.js';

describe('roleAllows', () => {
  it('is the order admin > analyst > viewer, every pair by hand', () => {
    const cases = [
      ['viewer', 'viewer', true],
      ['viewer', 'analyst', false],
      ['viewer', 'admin', false],
      ['analyst', 'viewer', true],
      ['analyst', 'analyst', true],
      ['analyst', 'admin', false],
      ['admin', 'viewer', true],
      ['admin', 'analyst', true],
      ['admin', 'admin', true],
    ] as const;
    for (const [role, needed, allowed] of cases) {
      expect(roleAllows(role, needed), `${role} for ${needed}`).toBe(allowed);
    }
  });

  it('the roles are the known ones and the schema accepts only them', () => {
    expect(USER_ROLES).toEqual(['viewer', 'analyst', 'admin']);
    expect(UserRole.safeParse('root').success).toBe(false);
    expect(UserRole.safeParse('Admin').success).toBe(false);
  });
});

describe('UserNameSchema', () => {
  it('accepts plain lower-case names of 2 to 32 characters', () => {
    for (const name of ['ana', 'ab', 'ana.rahma', 'a_1-b', '0perator', 'a'.repeat(32)]) {
      expect(UserNameSchema.safeParse(name).success, name).toBe(true);
    }
  });

  it('refuses upper case, a leading symbol, spaces, and lengths outside 2-32', () => {
    for (const name of [
      'Ana',
      '.ana',
      '-ana',
      'a',
      'ana rahma',
      'a'.repeat(33),
      '',
      'ana/..',
      'ana\n',
    ]) {
      expect(UserNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
  });

  it('names the rule and the value in its message', () => {
    const result = UserNameSchema.safeParse('Ana');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      `must be 2-32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit, got "Ana"`,
    );
  });
});
