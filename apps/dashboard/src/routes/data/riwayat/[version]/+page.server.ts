import { error } from '@sveltejs/kit';
import { api, orNotFound } from '$lib/server/api.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
  const version = Number(params.version);
  if (!/^\d{1,6}$/.test(params.version) || version < 1)
    error(404, `unknown version ${params.version}`);
  // As the user, who may see who published it (anonymous readers may not).
  const client = locals.userApi ?? api();
  return { version, changes: await orNotFound(client.versions.changes.query({ version })) };
};
