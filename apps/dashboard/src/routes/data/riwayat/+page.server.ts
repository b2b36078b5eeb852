import { fail } from '@sveltejs/kit';
import { api, apiErrorCode } from '$lib/server/api.js';
import { canRollBack } from '$lib/server/upload-access.js';
import type { Actions, PageServerLoad } from './$types';

/** Why a rollback failed, as the page names it. */
type RollbackProblem = 'notFound' | 'busy' | 'forbidden' | 'unavailable';

export const load: PageServerLoad = async ({ locals, url }) => {
  const admin = canRollBack(locals.user);
  let versions;
  try {
    // As the user, who may see who published each version (anonymous readers may not).
    versions = await (locals.userApi ?? api()).versions.list.query();
  } catch (cause) {
    // A server of a single file has no versions to list.
    if (apiErrorCode(cause) === 'NOT_IMPLEMENTED') {
      return { versions: null, admin, confirm: null };
    }
    throw cause;
  }
  // The confirmation step of a rollback (`?rollback=N`, the table's button): admins, a version
  // still kept that is not the current one.
  const asked = Number(url.searchParams.get('rollback'));
  const confirm =
    admin && versions.some((v) => v.version === asked && v.kept && !v.current) ? asked : null;
  return { versions, admin, confirm };
};

export const actions: Actions = {
  /**
   * Roll back to `version` (admins): a form POST, so SvelteKit's origin check applies; the API
   * checks the role again and records the admin as the actor.
   */
  rollback: async ({ request, locals }) => {
    const form = await request.formData();
    const version = Number(form.get('version'));
    const problem = (status: number, error: RollbackProblem, message: string | null = null) =>
      fail(status, { problem: error, message, version });
    if (!locals.userApi || !canRollBack(locals.user)) return problem(403, 'forbidden');
    if (!Number.isSafeInteger(version) || version < 1) return problem(400, 'notFound');
    try {
      const record = await locals.userApi.versions.rollback.mutate({ version });
      return { rolledBack: { version: record.version, from: version } };
    } catch (cause) {
      const code = apiErrorCode(cause);
      const message = cause instanceof Error ? cause.message : null;
      if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') return problem(404, 'notFound', message);
      if (code === 'CONFLICT') return problem(409, 'busy');
      if (code === 'FORBIDDEN' || code === 'UNAUTHORIZED') return problem(403, 'forbidden');
      return problem(503, 'unavailable');
    }
  },
};
