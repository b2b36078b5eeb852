import { roleAllows } from '@pandu/domain';

/** Who may upload: analysts and admins. */
export function canUpload(user: App.Locals['user']): boolean {
  return user !== null && roleAllows(user.role, 'analyst');
}

/** Who may roll back: admins. */
export function canRollBack(user: App.Locals['user']): boolean {
  return user !== null && roleAllows(user.role, 'admin');
}
