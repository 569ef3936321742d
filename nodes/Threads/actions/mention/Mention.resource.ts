import { defineResource } from '../resource';
import * as getMentions from './getMentions.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const mention = defineResource({
	key: 'mention',
	label: 'Mention',
	description: 'Public posts by others that mention your account',
	defaultOperation: 'getMentions',
	operations: {
		getMentions,
	},
});
