import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api.js';
import { dataYears, datasetInfo, partialYears } from '$lib/server/dataset-info.js';
import { canUpload } from '$lib/server/upload-access.js';
import type { LayoutServerLoad } from './$types';

// What every page shows about the dataset: whether it is synthetic (the visible note) and its years
// (the year filter). One cached API call, not one per page.
export const load: LayoutServerLoad = async ({ locals }) => {
  // Reads need a login and nobody is logged in (hooks.server.ts): a client-side navigation goes
  // to the login page.
  if (locals.loginRequired) redirect(303, locals.loginRequired);
  const health = await datasetInfo(api());
  return {
    user: locals.user,
    // The upload page's link: the same rule the page itself applies.
    canUpload: canUpload(locals.user),
    dataset: {
      synthetic: health.synthetic,
      years: dataYears(health),
      // Years few villages have (a first import of a new year): marked in the year filter.
      partialYears: partialYears(health),
      dataVersion: health.dataVersion,
    },
  };
};
