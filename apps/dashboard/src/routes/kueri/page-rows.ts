/** Rows per page of the console's result table (`?hal=`). */
export const PAGE_ROWS = 50;
