import type { Operation } from '../types';

/** The same operation under the name version 1 showed it with (version 2 names it after its resource). */
export function named(operation: Operation, name: string, action: string): Operation {
	return { ...operation, option: { ...operation.option, name, action } };
}
