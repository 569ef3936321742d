import { searchLocations } from './searchLocations';
import { searchPosts } from './searchPosts';
import { searchReplies } from './searchReplies';

/** The node's `methods.listSearch`: what each resource locator's "From list" mode calls by name. */
export const listSearch = { searchPosts, searchReplies, searchLocations };

export type ListSearchMethod = keyof typeof listSearch;
