import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// The list of provinces is the nation page (map and ranking).
export const load: PageServerLoad = ({ url }) => {
  redirect(307, `/${url.search}`);
};
