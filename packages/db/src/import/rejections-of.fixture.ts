import { ImportRejectedError, type Rejection } from './import-types.js';

/** Test fixture: the rejections an import threw; fails the test if it did not reject. */
export async function rejectionsOf(promise: Promise<unknown>): Promise<readonly Rejection[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportRejectedError) return error.rejections;
    throw error;
  }
  throw new Error('the import was not rejected');
}
