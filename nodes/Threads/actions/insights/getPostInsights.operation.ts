import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolvePostParameter } from '../../parameters/references';
import { POST_METRICS, readInsights, readMetrics, simplifyInsights } from '../../reading/insights';
import { postLocator, simplifyField } from '../../descriptions/common';
import { namingOperationScopes } from '../../transport/operationScopes';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Post Insights',
	description:
		'Get the views, likes, replies, reposts, quotes and shares of one post of the connected account',
	action: 'Get post insights',
};

export const requiredScopes = ['threads_manage_insights'];

const show = { resource: ['insights'], operation: ['getPostInsights'] };

const METRIC_DESCRIPTIONS: Record<string, string> = {
	likes: 'Likes of the post',
	quotes: 'Times the post was quoted',
	replies: 'Replies to the post',
	reposts: 'Times the post was reposted',
	shares: 'Times the post was shared',
	views: 'Times the post was viewed',
};

export const description: INodeProperties[] = [
	postLocator({
		displayName: 'Post',
		name: 'postId',
		description: 'A post of the connected account, from the list, by Threads URL or by ID',
		show,
	}),
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: Object.keys(METRIC_DESCRIPTIONS)
			.sort()
			.map((value) => ({
				name: value.charAt(0).toUpperCase() + value.slice(1),
				value,
				description: METRIC_DESCRIPTIONS[value],
			})),
		default: [...POST_METRICS],
		required: true,
		description: 'Which lifetime metrics to return',
		displayOptions: { show },
	},
	simplifyField(show),
];

/**
 * pythreads `insights(id, metrics)`. Simplified: one flat object `{ id, views, likes, replies, reposts,
 * quotes, shares }`; raw: one item per metric as Threads returns it.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const metrics = readMetrics(
		this,
		this.getNodeParameter('metrics', itemIndex),
		POST_METRICS,
		itemIndex,
	);
	const simple = this.getNodeParameter('simple', itemIndex, true) as boolean;
	const postId = await resolvePostParameter.call(this, itemIndex);
	const action = `read the insights of post ${postId}`;
	const read = await namingOperationScopes(
		this,
		{
			scopes: requiredScopes,
			action,
			itemIndex,
			hint: 'Threads gives the same answer for a post of another account: insights are only available for posts of the connected account.',
		},
		async () =>
			await readInsights.call(this, {
				path: `/${postId}/insights`,
				qs: { metric: metrics.join(',') },
				scope: requiredScopes[0],
				action,
				itemIndex,
			}),
	);
	return simple ? { id: postId, ...simplifyInsights(read) } : read;
}
