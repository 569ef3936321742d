import { defineResource } from '../resource';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getEmbed from './getEmbed.operation';
import * as getGhostPosts from './getGhostPosts.operation';
import * as publish from './publish.operation';
import * as publishThread from './publishThread.operation';
import * as repost from './repost.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const post = defineResource({
	key: 'post',
	label: 'Post',
	description:
		"Publish posts and threads, read, delete and repost posts; the account's own threads, ghost posts and embed HTML",
	defaultOperation: 'publish',
	operations: {
		publish,
		publishThread,
		getAll,
		get,
		delete: del,
		repost,
		getGhostPosts,
		getEmbed,
	},
});
