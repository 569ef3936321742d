import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { threadsApiRequest } from '../../transport/request';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Publishing Limit',
	description:
		'How many posts, replies, deletes and location searches the account has used and has left in the moving 24-hour window',
	action: 'Get the publishing limit',
};

export const requiredScopes = ['threads_basic'];

export const description: INodeProperties[] = [];

/** Each quota: [usage field, config field, prefix of the computed fields]. */
const QUOTAS: Array<[string, string, string]> = [
	['quota_usage', 'config', 'posts'],
	['reply_quota_usage', 'reply_config', 'replies'],
	['delete_quota_usage', 'delete_config', 'deletes'],
	['location_search_quota_usage', 'location_search_config', 'location_searches'],
];

function numberOrNull(value: unknown): number | null {
	const n = Number(value);
	return value === undefined || value === null || !Number.isFinite(n) ? null : n;
}

/**
 * pythreads `publishing_limit()`: every quota Threads reports over its moving 24-hour window, with
 * what is left computed (`posts_remaining`, `replies_remaining`, `deletes_remaining`,
 * `location_searches_remaining`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const response = await threadsApiRequest.call(this, {
		method: 'GET',
		path: '/me/threads_publishing_limit',
		qs: { fields: QUOTAS.flatMap(([usage, config]) => [usage, config]).join(',') },
		scope: requiredScopes[0],
		action: 'read the publishing limits',
		itemIndex,
	});
	const row = (Array.isArray(response.data) ? response.data[0] : undefined) as
		| IDataObject
		| undefined;
	const out: IDataObject = {};
	for (const [usageField, configField, prefix] of QUOTAS) {
		const usage = numberOrNull(row?.[usageField]);
		const config = (row?.[configField] ?? {}) as IDataObject;
		const total = numberOrNull(config.quota_total);
		out[usageField] = usage;
		out[configField] = row?.[configField] ?? null;
		out[`${prefix}_used`] = usage;
		out[`${prefix}_total`] = total;
		out[`${prefix}_remaining`] =
			usage !== null && total !== null ? Math.max(0, total - usage) : null;
		out[`${prefix}_window_seconds`] = numberOrNull(config.quota_duration);
	}
	return out;
}
