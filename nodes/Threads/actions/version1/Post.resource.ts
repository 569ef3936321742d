import { post as latest } from '../post/Post.resource';
import { defineResource } from '../resource';

/** Version 1's Post resource: Get Embed was under Discovery then. */
export const post = defineResource({
	...latest,
	operations: Object.fromEntries(
		Object.entries(latest.operations).filter(([key]) => key !== 'getEmbed'),
	),
});
