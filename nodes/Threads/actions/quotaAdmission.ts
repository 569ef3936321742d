import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readWaitSettings } from '../parameters/postOptions';
import { type ItemNeed, findNeedsBeyondQuota } from '../publishing/threadQuota';
import type { Admission } from './types';

const ITEM_HELP =
	'Checked before creating any container. Run Get Publishing Limit to see when there is room again, or run the rest later.';
const THREAD_HELP =
	'Checked before any part was created. Run Get Publishing Limit to see when there is room again, or turn off Options > Check Publishing Quota.';

export type OverQuota = 'fail' | 'defer';

/**
 * Reads the quota once and holds back the items it cannot hold, in input order: each refused with
 * its error, or with Over Quota set to Defer, deferred (not attempted, and output as
 * `{ status: 'DEFERRED', reason: 'quota', message, ...describe(item) }`).
 */
export async function admitWithinQuota<Prepared>(
	context: IExecuteFunctions,
	prepared: Array<Prepared | undefined>,
	needs: Array<ItemNeed | undefined>,
	overQuota: OverQuota,
	describe: (prepared: Prepared) => IDataObject,
): Promise<Map<number, Admission>> {
	const held = new Map<number, Admission>();
	for (const [itemIndex, message] of await findNeedsBeyondQuota.call(context, needs)) {
		if (overQuota === 'defer') {
			held.set(itemIndex, {
				deferred: {
					status: 'DEFERRED',
					reason: 'quota',
					message: message.replace(
						/(?:This item was not sent|Nothing of this thread was sent)\.$/,
						'Deferred: nothing was sent. Publish it again once Get Publishing Limit shows room.',
					),
					...describe(prepared[itemIndex] as Prepared),
				},
			});
		} else {
			held.set(
				itemIndex,
				new NodeOperationError(context.getNode(), message, {
					itemIndex,
					description: typeof needs[itemIndex] === 'string' ? ITEM_HELP : THREAD_HELP,
				}),
			);
		}
	}
	return held;
}

/**
 * The `admit` step of Publish and Reply > Create, with Check Publishing Quota on (read from the
 * first item, like Over Quota): the quota is read once before two or more items, before any item
 * that is a thread (a split text), or before a single item when Over Quota is Defer.
 */
export function quotaAdmission<Prepared>(
	needOf: (prepared: Prepared) => ItemNeed | undefined,
	describe: (prepared: Prepared) => IDataObject = () => ({}),
) {
	return async function admit(
		this: IExecuteFunctions,
		prepared: Array<Prepared | undefined>,
	): Promise<Map<number, Admission>> {
		const { checkQuota, overQuota } = readWaitSettings(this, 0);
		if (!checkQuota) return new Map();
		const needs = prepared.map((item) => (item === undefined ? undefined : needOf(item)));
		const items = needs.filter(Boolean);
		const hasThread = items.some((need) => typeof need !== 'string');
		if (items.length < 2 && !hasThread && overQuota !== 'defer') return new Map();
		return await admitWithinQuota(this, prepared, needs, overQuota, describe);
	};
}
