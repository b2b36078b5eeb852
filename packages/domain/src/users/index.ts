export * from './user-roles.js';
export * from './user-role.js';
