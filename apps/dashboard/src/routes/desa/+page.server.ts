import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// Villages are found by name: the search page.
export const load: PageServerLoad = ({ url }) => {
  redirect(307, `/cari${url.search}`);
};
