import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	ACCOUNT_METRICS,
	DEMOGRAPHICS,
	checkBreakdown,
	readInsights,
	readMetrics,
	simplifyInsights,
} from '../../reading/insights';
import { EARLIEST_INSIGHTS_SINCE, isoFromUnix, timeRange } from '../../parameters/timeRange';
import { simplifyField } from '../../descriptions/common';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Account Insights',
	description:
		"Get the connected account's views, likes, replies, reposts, quotes, link clicks, follower count and follower demographics over a period",
	action: 'Get account insights',
};

export const requiredScopes = ['threads_manage_insights'];

const show = { resource: ['insights'], operation: ['getAccountInsights'] };

const METRIC_OPTIONS = [
	{ name: 'Clicks', value: 'clicks', description: 'Clicks on links in the posts, per link' },
	{
		name: 'Follower Demographics',
		value: 'follower_demographics',
		description:
			'Followers by country, city, age or gender (choose one Breakdown; needs at least 100 followers)',
	},
	{ name: 'Followers Count', value: 'followers_count', description: 'Total number of followers' },
	{ name: 'Likes', value: 'likes', description: 'Likes on the posts' },
	{ name: 'Quotes', value: 'quotes', description: 'Times the posts were quoted' },
	{ name: 'Replies', value: 'replies', description: 'Replies to the posts' },
	{ name: 'Reposts', value: 'reposts', description: 'Times the posts were reposted' },
	{ name: 'Views', value: 'views', description: 'Profile views, per day' },
];

/** Everything but the demographics, which need a breakdown. */
const DEFAULT_METRICS = ACCOUNT_METRICS.filter((metric) => metric !== DEMOGRAPHICS);

export const description: INodeProperties[] = [
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: METRIC_OPTIONS,
		default: [...DEFAULT_METRICS],
		required: true,
		description: 'Which account metrics to return',
		displayOptions: { show },
	},
	{
		displayName: 'Breakdown',
		name: 'breakdown',
		type: 'options',
		options: [
			{ name: 'Age', value: 'age' },
			{ name: 'City', value: 'city' },
			{ name: 'Country', value: 'country' },
			{ name: 'Gender', value: 'gender' },
			{
				name: 'None',
				value: '',
				description: 'No breakdown: only valid without Follower Demographics',
			},
		],
		default: '',
		description:
			'How to split Follower Demographics. Required exactly when Metrics includes Follower Demographics, not allowed otherwise.',
		displayOptions: { show },
	},
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		description: `Start of the period (not before ${isoFromUnix(EARLIEST_INSIGHTS_SINCE)}). Empty: Threads' default period.`,
		displayOptions: { show },
	},
	{
		displayName: 'Until',
		name: 'until',
		type: 'dateTime',
		default: '',
		description: 'End of the period. Empty: now.',
		displayOptions: { show },
	},
	simplifyField(show),
];

/**
 * pythreads `user_insights(metrics, since, until, breakdown)`. Follower demographics are asked for in a
 * request of their own (with the breakdown, without the period), the rest in one request. Simplified:
 * one flat object `{ views, likes, replies, reposts, quotes, clicks, followers_count, follower_demographics }`.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const metrics = readMetrics(
		this,
		this.getNodeParameter('metrics', itemIndex),
		ACCOUNT_METRICS,
		itemIndex,
	);
	const breakdown = checkBreakdown(
		this,
		metrics,
		this.getNodeParameter('breakdown', itemIndex, ''),
		itemIndex,
	);
	const { since, until } = timeRange(
		this,
		this.getNodeParameter('since', itemIndex, ''),
		this.getNodeParameter('until', itemIndex, ''),
		itemIndex,
		EARLIEST_INSIGHTS_SINCE,
	);
	const simple = this.getNodeParameter('simple', itemIndex, true) as boolean;

	const periodMetrics = metrics.filter((metric) => metric !== DEMOGRAPHICS);
	const data: IDataObject[] = [];
	if (periodMetrics.length > 0) {
		const qs: IDataObject = { metric: periodMetrics.join(',') };
		if (since !== undefined) qs.since = since;
		if (until !== undefined) qs.until = until;
		const entries = await readInsights.call(this, {
			path: '/me/threads_insights',
			qs,
			scope: requiredScopes[0],
			action: 'read the account insights',
			itemIndex,
		});
		data.push(...entries);
	}
	if (breakdown) {
		const entries = await readInsights.call(this, {
			path: '/me/threads_insights',
			qs: { metric: DEMOGRAPHICS, breakdown },
			scope: requiredScopes[0],
			action: 'read the follower demographics',
			itemIndex,
		});
		data.push(...entries);
	}
	if (!simple) return data;
	const flat: IDataObject = simplifyInsights(data);
	if (breakdown) flat.breakdown = breakdown;
	if (since !== undefined) flat.since = isoFromUnix(since);
	if (until !== undefined) flat.until = isoFromUnix(until);
	return flat;
}
