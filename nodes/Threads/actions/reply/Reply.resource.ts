import { defineResource } from '../resource';
import * as approve from './approve.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as getConversation from './getConversation.operation';
import * as getMine from './getMine.operation';
import * as getPending from './getPending.operation';
import * as hide from './hide.operation';
import * as ignore from './ignore.operation';
import * as unhide from './unhide.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const reply = defineResource({
	key: 'reply',
	label: 'Reply',
	description: 'Read replies and conversations, reply, hide and approve replies',
	defaultOperation: 'getAll',
	operations: {
		create,
		getAll,
		getConversation,
		getMine,
		hide,
		unhide,
		getPending,
		approve,
		ignore,
	},
});
