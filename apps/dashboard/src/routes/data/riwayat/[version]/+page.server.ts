import { error } from '@sveltejs/kit';
import { api, orNotFound } from '$lib/server/api.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  const version = Number(params.version);
  if (!/^\d{1,6}$/.test(params.version) || version < 1)
    error(404, `unknown version ${params.version}`);
  return { version, changes: await orNotFound(api().versions.changes.query({ version })) };
};
