import type { Role } from '../api/types';

/** The API labels authors for the customer (You / Support Team); a staff reader sees "Customer" instead of "You". */
export const authorName = (author: Role, viewer: Role): string =>
  author === 'staff' ? 'Support Team' : viewer === 'customer' ? 'You' : 'Customer';
